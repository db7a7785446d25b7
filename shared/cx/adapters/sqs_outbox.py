"""Send message bodies to SQS in batches split by count and by size; a refused entry raises."""

from __future__ import annotations

from typing import Any

from cx.importers.sizes import batches


def send_all(sqs: Any, queue_url: str, bodies: list[str]) -> None:
    for chunk in batches(bodies):
        failed = sqs.send_message_batch(
            QueueUrl=queue_url, Entries=[{"Id": str(i), "MessageBody": b} for i, b in enumerate(chunk)]
        ).get("Failed", [])
        if failed:
            raise RuntimeError(f"SQS refused {len(failed)} messages: {failed[0].get('Message')}")
