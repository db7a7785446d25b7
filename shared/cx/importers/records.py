"""A JSON payload posted to the ingest API: one conversation, a list, or {"conversations": [...]}."""

from __future__ import annotations

import json
from typing import Any

from cx.domain.conversation import Conversation
from cx.domain.limits import MAX_JSON_DEPTH, json_depth
from cx.importers.jsonl import too_deep
from cx.importers.result import Problem, Reject
from cx.importers.validate import duplicate, validate

SOURCE = "ingest-api"


def _records(payload: Any) -> list[Any]:
    if isinstance(payload, dict) and isinstance(payload.get("conversations"), list):
        return list(payload["conversations"])
    return payload if isinstance(payload, list) else [payload]


def split_payload(body: str) -> tuple[list[Conversation], list[Reject]]:
    """Valid conversations, and a reject (numbered from 1 in the payload) for every other record."""
    try:
        payload = json.loads(body)
    except json.JSONDecodeError as exc:
        problem = Problem(None, f"the body is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return [], [Reject.from_problems([problem], source=SOURCE, line=1, record_id=None, record=body)]
    except RecursionError:
        problem = Problem(None, too_deep("hundreds of"))
        return [], [Reject.from_problems([problem], source=SOURCE, line=1, record_id=None, record=body)]
    accepted: list[Conversation] = []
    rejects: list[Reject] = []
    seen: dict[str, int] = {}
    for number, record in enumerate(_records(payload), start=1):
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
