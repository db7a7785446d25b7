"""A CSV with one row per message, grouped into conversations by conversation_id."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cx.domain.conversation import Conversation
from cx.importers.csv_rows import Row, read_rows
from cx.importers.result import ImportResult, Problem, Reject
from cx.importers.validate import validate

CONVERSATION_COLUMNS = (
    "channel", "case_id", "journey", "inquiry", "agent_id", "agent_name", "team",
    "customer_id", "started_at", "case_opened_at", "case_outcome", "source",
)  # fmt: skip


def read_csv_messages(path: Path) -> ImportResult:
    groups: dict[str, list[Row]] = {}
    for row in read_rows(path):
        # rows without an id are each their own (rejected) record
        groups.setdefault(row.get("conversation_id") or f"\0{row.line}", []).append(row)
    result = ImportResult()
    for rows in groups.values():
        result.add(assemble(rows, source=str(path)))
    result.rejects.sort(key=lambda reject: reject.line)
    return result


def assemble(rows: Sequence[Row], *, source: str) -> Conversation | Reject:
    """One conversation from its rows, or a reject carrying the rows so they can be fixed and re-driven."""
    cid = next((r.get("conversation_id") for r in rows if r.get("conversation_id")), "")
    record: dict[str, Any] = {"rows": [r.as_record() for r in rows]}
    problems = [*_row_problems(rows, cid), *_index_problems(rows)]
    ordered = rows if problems else _ordered(rows)
    fields, origin, conflicts = _conversation_fields(rows)  # file order: first seen is first
    problems += conflicts
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        return Reject.from_problems(
            problems,
            source=source,
            line=problems[0].line or rows[0].line,
            record_id=cid or None,
            record=record,
        )
    data = {"id": cid, **fields, "messages": [_message(r) for r in ordered]}

    def locate(problem: Problem) -> Problem:
        parts = (problem.field or "").split(".")
        if parts[0] == "messages" and len(parts) > 1 and parts[1].isdigit():
            line = ordered[int(parts[1])].line
        else:
            line = origin.get(parts[0], ordered[0].line)
        return Problem(problem.field, problem.message, line)

    return validate(data, source=source, line=ordered[0].line, record=record, locate=locate)


def _message(row: Row) -> dict[str, str]:
    message = {"role": row.get("role"), "text": row.cells.get("text", ""), "at": row.get("at")}
    return {key: value for key, value in message.items() if value or key == "text"}


def _row_problems(rows: Sequence[Row], cid: str) -> list[Problem]:
    problems = []
    for row in rows:
        if not row.get("conversation_id"):
            problems.append(Problem("conversation_id", "is empty; every row needs its conversation's id", row.line))
        elif row.get("conversation_id") != cid:
            problems.append(Problem("conversation_id", f"is not {cid!r} like the other rows", row.line))
        if row.extra:
            extra = f"{len(row.extra)} more cell(s) than the header has columns; quote text with commas"
            problems.append(Problem(None, extra, row.line))
    return problems


def _index_problems(rows: Sequence[Row]) -> list[Problem]:
    given = [r for r in rows if r.get("message_index")]
    if not given:
        return []
    problems: list[Problem] = []
    first_at: dict[int, int] = {}
    for row in rows:
        value = row.get("message_index")
        if not value:
            blank = "is blank but other rows of this conversation have one; fill it in on all or none"
            problems.append(Problem("message_index", blank, row.line))
        elif not value.lstrip("-").isdigit():
            problems.append(Problem("message_index", f"must be a whole number (got {value!r})", row.line))
        elif int(value) in first_at:
            taken = f"{value} is also used on line {first_at[int(value)]}; give each message its own index"
            problems.append(Problem("message_index", taken, row.line))
        else:
            first_at[int(value)] = row.line
    return problems


def _ordered(rows: Sequence[Row]) -> list[Row]:
    if not any(r.get("message_index") for r in rows):
        return list(rows)
    return sorted(rows, key=lambda r: int(r.get("message_index")))


def _conversation_fields(rows: Sequence[Row]) -> tuple[dict[str, str], dict[str, int], list[Problem]]:
    """Each conversation-level column's value, the line it came from, and rows that disagree."""
    fields: dict[str, str] = {}
    origin: dict[str, int] = {}
    conflicts: list[Problem] = []
    for column in CONVERSATION_COLUMNS:
        for row in rows:
            value = row.get(column)
            if not value:
                continue
            if column not in fields:
                fields[column], origin[column] = value, row.line
            elif value != fields[column]:
                both = f"{fields[column]!r} on line {origin[column]}, {value!r} on line {row.line}"
                message = f"differs between rows: {both}; use one value for the whole conversation"
                conflicts.append(Problem(column, message, row.line))
                break
    return fields, origin, conflicts
