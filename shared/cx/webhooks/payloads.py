"""A webhook body, whatever tool sent it, as conversations and rejects (each reject with its reason)."""

from __future__ import annotations

import json
from typing import Any

from cx.domain.conversation import Conversation
from cx.importers.records import split_payload
from cx.importers.result import Problem, Reject

from . import intercom, zendesk

SOURCE = "webhook"


def split_webhook(body: str) -> tuple[list[Conversation], list[Reject]]:
    """Intercom and Zendesk shapes are mapped to the product's JSON first; anything else is read as that."""
    try:
        payload: Any = json.loads(body)
    except json.JSONDecodeError as exc:
        problem = Problem(None, f"the body is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return [], [Reject.from_problems([problem], source=SOURCE, line=1, record_id=None, record=body)]
    if intercom.is_intercom(payload):
        payload = intercom.to_record(payload)
    elif zendesk.is_zendesk(payload):
        payload = zendesk.to_record(payload)
    return split_payload(json.dumps(payload))
