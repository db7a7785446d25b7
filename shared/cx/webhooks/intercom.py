"""Intercom's conversation webhook (`notification_event`, topics `conversation.*`) as a conversation.

Mapped: `data.item.id` -> id; `source` (the opening message) and every `conversation_parts` part with
`part_type` `comment` (or `open`/`close` with a body) -> messages; author `type` `user`/`lead`/`contact`
-> customer, `admin`/`bot`/`team` -> agent; `created_at` (epoch seconds) -> `at`; `source.delivered_as`/
`source.type` `email` -> email channel, else chat; `admin_assignee_id` -> agent_id; a `closed` state on a
`conversation.admin.closed` topic -> outcome resolved. Internal notes (`note`) are not part of the
customer's experience and are left out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .text import plain

CUSTOMER_AUTHORS = {"user", "lead", "contact"}
PARTS = {"comment", "open", "close", "assignment"}


def is_intercom(payload: Any) -> bool:
    return isinstance(payload, dict) and payload.get("type") == "notification_event" and "data" in payload


def _at(epoch: Any) -> str | None:
    return datetime.fromtimestamp(epoch, UTC).isoformat() if isinstance(epoch, int | float) else None


def _message(part: dict[str, Any]) -> dict[str, Any] | None:
    text = plain(part.get("body") or "")
    if not text:
        return None
    author = (part.get("author") or {}).get("type")
    role = "customer" if author in CUSTOMER_AUTHORS else "agent"
    return {"role": role, "text": text, "at": _at(part.get("created_at"))}


def to_record(payload: dict[str, Any]) -> dict[str, Any]:
    """A record in the product's JSON shape; validation (and rejects) happen as for any other record."""
    item = (payload.get("data") or {}).get("item") or {}
    source = item.get("source") or {}
    parts = ((item.get("conversation_parts") or {}).get("conversation_parts")) or []
    candidates = [{**source, "created_at": source.get("created_at", item.get("created_at"))}]
    candidates += [p for p in parts if p.get("part_type") in PARTS]
    messages = [m for m in (_message(p) for p in candidates) if m]
    email = "email" in {source.get("delivered_as"), source.get("type")}
    closed = item.get("state") == "closed" or payload.get("topic") == "conversation.admin.closed"
    record: dict[str, Any] = {
        "id": f"intercom-{item.get('id')}" if item.get("id") else None,
        "channel": "email" if email else "chat",
        "messages": [{k: v for k, v in m.items() if v is not None} for m in messages],
        "started_at": _at(item.get("created_at")),
        "agent_id": str(item["admin_assignee_id"]) if item.get("admin_assignee_id") else None,
        "case_outcome": "resolved" if closed else None,
        "source": "intercom",
    }
    return {k: v for k, v in record.items() if v is not None}
