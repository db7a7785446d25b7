"""A payload posted to the ingest API: one conversation, a JSON array, {"conversations": [...]}, or JSON Lines."""

from __future__ import annotations

import json
from typing import Any

from cx.domain.conversation import Conversation
from cx.domain.limits import MAX_JSON_DEPTH, json_depth
from cx.importers.jsonl import parse_line, too_deep
from cx.importers.result import Problem, Reject
from cx.importers.validate import duplicate, validate

SOURCE = "ingest-api"


def _records(payload: Any) -> list[Any]:
    if isinstance(payload, dict) and isinstance(payload.get("conversations"), list):
        return list(payload["conversations"])
    return payload if isinstance(payload, list) else [payload]


def _json_lines(body: str) -> list[tuple[int, Any]] | None:
    """(line, object or reject) for each non-blank line, when the body reads as JSON Lines (two or more)."""
    lines = [(n, raw) for n, raw in enumerate(body.splitlines(), start=1) if raw.strip()]
    if len(lines) < 2:
        return None
    parsed = [(n, parse_line(raw.encode(), source=SOURCE, line=n)) for n, raw in lines]
    if all(isinstance(p, Reject) for _, p in parsed):
        return None  # not JSON Lines either: report it as one body that is not JSON
    return parsed


def split_payload(body: str) -> tuple[list[Conversation], list[Reject]]:
    """Valid conversations, and a reject (numbered by record, or by line for JSON Lines) for every other."""
    numbered: list[tuple[int, Any]]
    try:
        numbered = list(enumerate(_records(json.loads(body)), start=1))
    except json.JSONDecodeError as exc:
        lines = _json_lines(body)
        if lines is None:
            problem = Problem(None, f"the body is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
            return [], [Reject.from_problems([problem], source=SOURCE, line=1, record_id=None, record=body)]
        numbered = lines
    except RecursionError:
        problem = Problem(None, too_deep("hundreds of"))
        return [], [Reject.from_problems([problem], source=SOURCE, line=1, record_id=None, record=body)]
    accepted: list[Conversation] = []
    rejects: list[Reject] = []
    seen: dict[str, int] = {}
    for number, record in numbered:
        if isinstance(record, Reject):
            rejects.append(record)
            continue
        if not isinstance(record, dict):
            problem = Problem(None, f"record {number} is not a JSON object")
            rejects.append(
                Reject.from_problems([problem], source=SOURCE, line=number, record_id=None, record=str(record))
            )
            continue
        depth = json_depth(record)
        if depth > MAX_JSON_DEPTH:
            problem = Problem(None, too_deep(str(depth)))
            rejects.append(
                Reject.from_problems([problem], source=SOURCE, line=number, record_id=None, record=json.dumps(record))
            )
            continue
        outcome = duplicate(record, seen=seen, source=SOURCE, line=number, record=record) or validate(
            record, source=SOURCE, line=number, record=record
        )
        if isinstance(outcome, Conversation):
            accepted.append(outcome)
        else:
            rejects.append(outcome)
    return accepted, rejects
