"""A /webhook body in the product's own JSON, as conversations and rejects (each reject with its reason).

Intercom and Zendesk have routes of their own (/webhook/intercom, /webhook/zendesk; see cx.helpdesks).
"""

from __future__ import annotations

from cx.domain.conversation import Conversation
from cx.importers.records import split_payload
from cx.importers.result import Reject


def split_webhook(body: str) -> tuple[list[Conversation], list[Reject]]:
    return split_payload(body)
