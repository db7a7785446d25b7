"""Accepted conversations as score-queue messages; one too big for a message becomes a reject with its reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from cx.domain.conversation import Conversation
from cx.importers.result import Problem, Reject
from cx.importers.sizes import MAX_MESSAGE_BYTES, too_big

# Keeps a reject too big for the rejects queue somewhere else; returns where (e.g. an s3:// URL), or None.
KeepWhole = Callable[[Reject], str | None]


@dataclass(frozen=True)
class Outbound:
    bodies: list[str]  # for the score queue
    rejects: list[Reject]  # for the rejects queue, each small enough for it


def _keepable(reject: Reject, keep_whole: KeepWhole | None) -> Reject:
    """A reject that fits in the rejects queue; a bigger one is kept whole elsewhere and points there."""
    if too_big(reject.model_dump_json()) is None:
        return reject
    record = reject.record if isinstance(reject.record, dict) else {"text": reject.record}
    where = keep_whole(reject) if keep_whole else None
    if where:
        return reject.model_copy(update={"record": {"id": record.get("id"), "kept_whole_in": where}})
    messages = record.get("messages") if isinstance(record.get("messages"), list) else []
    kept = {
        "id": record.get("id"),
        "kept": "only the start: the whole record is too big for the rejects queue; send it again, split",
        "messages": [json.dumps(messages[0])[:2000]] if messages else [],
    }
    return reject.model_copy(update={"record": kept})


def messages(
    accepted: list[Conversation],
    rejects: list[Reject],
    source: str,
    keep_whole: KeepWhole | None = None,
    limit: int = MAX_MESSAGE_BYTES,
) -> Outbound:
    """Bodies for the score queue, and every reject (the oversize ones added)."""
    bodies, out = [], list(rejects)
    for conversation in accepted:
        body = conversation.model_dump_json(exclude_none=True)
        reason = too_big(body, limit)
        if reason is None:
            bodies.append(body)
            continue
        problem = Problem(None, reason)
        out.append(
            Reject.from_problems([problem], source=source, line=0, record_id=conversation.id, record=json.loads(body))
        )
    return Outbound(bodies, [_keepable(r, keep_whole) for r in out])
