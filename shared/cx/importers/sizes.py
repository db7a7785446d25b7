"""What fits in one SQS message (256 KiB) and one SendMessageBatch call (10 messages, 256 KiB together)."""

from __future__ import annotations

from collections.abc import Iterable

MAX_MESSAGE_BYTES = 256 * 1024
MAX_BATCH_COUNT = 10


def size(body: str) -> int:
    return len(body.encode())


def too_big(body: str, limit: int = MAX_MESSAGE_BYTES) -> str | None:
    """The reason a message body cannot be queued, or None."""
    n = size(body)
    if n <= limit:
        return None
    return (
        f"the conversation is {n / 1024:.0f} KiB as JSON, over the {limit // 1024} KiB one queued conversation can "
        "take; split it into contacts (case_id ties them together) or leave out attachments' contents"
    )


def batches(
    bodies: Iterable[str], max_count: int = MAX_BATCH_COUNT, max_bytes: int = MAX_MESSAGE_BYTES
) -> list[list[str]]:
    """Consecutive groups within both limits; every body must itself fit (see ``too_big``)."""
    out: list[list[str]] = []
    current: list[str] = []
    used = 0
    for body in bodies:
        n = size(body)
        if current and (len(current) == max_count or used + n > max_bytes):
            out.append(current)
            current, used = [], 0
        current.append(body)
        used += n
    if current:
        out.append(current)
    return out
