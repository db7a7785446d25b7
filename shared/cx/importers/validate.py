"""Check one record against the Conversation model: a conversation, or a reject saying what to fix."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from cx.domain.conversation import Conversation
from cx.importers.result import Problem, Reject
from cx.importers.wording import problems_from

Locate = Callable[[Problem], Problem]


def record_id(record: Mapping[str, Any], key: str = "id") -> str | None:
    value = record.get(key)
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value) or None
    return None


def validate(
    data: Mapping[str, Any],
    *,
    source: str,
    line: int,
    record: dict[str, Any] | str,
    locate: Locate | None = None,
    now: datetime | None = None,
) -> Conversation | Reject:
    """``locate`` pins each problem to a physical line when a record spans several (CSV rows).

    Timestamps later than ``now`` (default: the current time) by more than a day are rejected.
    """
    try:
        return Conversation.model_validate(data, context={"now": now or datetime.now(UTC)})
    except ValidationError as error:
        problems = problems_from(error)
        if locate is not None:
            problems = sorted((locate(p) for p in problems), key=lambda p: p.line or 0)
        first = min((p.line for p in problems if p.line is not None), default=line)
        return Reject.from_problems(problems, source=source, line=first, record_id=record_id(data), record=record)


def duplicate(
    data: Mapping[str, Any], *, seen: dict[str, int], source: str, line: int, record: dict[str, Any] | str
) -> Reject | None:
    """A reject when this record's id was already seen in the file; else remembers the id."""
    rid = record_id(data)
    if rid is None:
        return None
    if rid not in seen:
        seen[rid] = line
        return None
    problem = Problem(
        "id",
        f"duplicate id {rid!r}, first seen on line {seen[rid]}; give this conversation its own id or remove the copy",
    )
    return Reject.from_problems([problem], source=source, line=line, record_id=rid, record=record)
