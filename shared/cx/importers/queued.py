"""A message body from the score queue: a conversation, or a reject with its reason (garbage is not retried)."""

from __future__ import annotations

import json

from cx.domain.conversation import Conversation
from cx.importers.result import Problem, Reject
from cx.importers.validate import validate

SOURCE = "score-queue"


def parse_queued(body: str) -> Conversation | Reject:
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        problem = Problem(None, f"the message is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return Reject.from_problems([problem], source=SOURCE, line=1, record_id=None, record=body)
    if not isinstance(data, dict):
        problem = Problem(None, "the message is not a JSON object")
        return Reject.from_problems([problem], source=SOURCE, line=1, record_id=None, record=body)
    return validate(data, source=SOURCE, line=1, record=data)
