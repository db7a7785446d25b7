"""Records mapped from a help desk, validated like any other and made ready for the score queue."""

from __future__ import annotations

from typing import Any

from cx.domain.conversation import Conversation
from cx.importers.queueing import KeepWhole, Outbound, messages
from cx.importers.result import Reject
from cx.importers.sizes import MAX_MESSAGE_BYTES
from cx.importers.validate import validate


def split_records(
    records: list[dict[str, Any]], source: str, keep_whole: KeepWhole | None = None, limit: int = MAX_MESSAGE_BYTES
) -> Outbound:
    accepted: list[Conversation] = []
    rejects: list[Reject] = []
    for number, record in enumerate(records, start=1):
        outcome = validate(record, source=source, line=number, record=record)
        if isinstance(outcome, Conversation):
            accepted.append(outcome)
        else:
            rejects.append(outcome)
    return messages(accepted, rejects, source=source, keep_whole=keep_whole, limit=limit)
