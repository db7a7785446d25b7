"""Accepted conversations as score-queue messages; one too big for a message becomes a reject with its reason."""

from __future__ import annotations

import json

from cx.domain.conversation import Conversation
from cx.importers.result import Problem, Reject
from cx.importers.sizes import MAX_MESSAGE_BYTES, too_big


def _keepable(reject: Reject) -> Reject:
    """A reject that fits in the rejects queue: an oversize record keeps its id, size and first message."""
    if too_big(reject.model_dump_json()) is None:
        return reject
    record = reject.record if isinstance(reject.record, dict) else {"text": reject.record}
    messages = record.get("messages") if isinstance(record.get("messages"), list) else []
    kept = {
        "id": record.get("id"),
        "kept": "only the start: the whole record is too big for the rejects queue; send it again, split",
        "messages": [json.dumps(messages[0])[:2000]] if messages else [],
    }
    return reject.model_copy(update={"record": kept})


def messages(
    accepted: list[Conversation], rejects: list[Reject], source: str, limit: int = MAX_MESSAGE_BYTES
) -> tuple[list[str], list[Reject]]:
    """Bodies for the score queue, and every reject (the oversize ones added), each small enough to queue."""
    bodies, out = [], list(rejects)
    for conversation in accepted:
        body = conversation.model_dump_json(exclude_none=True)
        reason = too_big(body, limit)
        if reason is None:
            bodies.append(body)
            continue
        record = json.loads(body)
        problem = Problem(None, reason)
        out.append(Reject.from_problems([problem], source=source, line=0, record_id=conversation.id, record=record))
    return bodies, [_keepable(r) for r in out]
