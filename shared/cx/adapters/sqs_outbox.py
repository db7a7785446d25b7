"""Send message bodies to SQS in batches split by count and by size; a refused entry raises."""

from __future__ import annotations

from typing import Any

from cx.importers.sizes import MAX_BATCH_COUNT, MAX_MESSAGE_BYTES, batches

WORKSPACE_ATTRIBUTE = "workspace"  # the Slack workspace a queued conversation belongs to (none: the only one)
ATTRIBUTE_ROOM = 128  # bytes a message's workspace attribute may take of SQS's size limit (name, type, id)


def send_all(sqs: Any, queue_url: str, bodies: list[str], workspace: str = "") -> None:
    """``workspace``: set as the messages' ``workspace`` attribute, for the score function to store them there."""
    extra = {}
    if workspace:
        extra = {"MessageAttributes": {WORKSPACE_ATTRIBUTE: {"DataType": "String", "StringValue": workspace}}}
    room = ATTRIBUTE_ROOM if workspace else 0
    for chunk in batches(bodies, max_bytes=MAX_MESSAGE_BYTES - MAX_BATCH_COUNT * room):
        failed = sqs.send_message_batch(
            QueueUrl=queue_url, Entries=[{"Id": str(i), "MessageBody": b, **extra} for i, b in enumerate(chunk)]
        ).get("Failed", [])
        if failed:
            raise RuntimeError(f"SQS refused {len(failed)} messages: {failed[0].get('Message')}")
