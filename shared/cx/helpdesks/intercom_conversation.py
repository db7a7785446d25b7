"""An Intercom conversation as GET /conversations/{id} returns it, as contacts of one case.

Reference: https://developers.intercom.com/docs/references/rest-api/api.intercom.io/conversations/retrieveconversation
(`source` is the opening message; `conversation_parts.conversation_parts[]` the rest, up to 500).
Mapped: author `type` user/lead/contact -> customer, admin/bot/team -> agent; `part_type` note (internal)
left out; a part `open` after a `close` starts a new contact (a reopen); `source.type`/`delivered_as`
email -> email channel, phone -> voice, else chat; `state` closed -> outcome resolved; `admin_assignee_id`,
`team_assignee_id`, `tags`, `custom_attributes` through the configured mapping; attachments by name.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .contacts import Contact, message, records
from .mapping import HelpdeskMapping, pick

CUSTOMERS = {"user", "lead", "contact"}
SPOKEN = {"comment", "open", "close", "assignment", "away_mode_assignment", "quick_reply"}


def _at(epoch: Any) -> str | None:
    return datetime.fromtimestamp(epoch, UTC).isoformat() if isinstance(epoch, int | float) else None


def _channel(source: dict[str, Any]) -> str:
    kinds = {str(source.get("type", "")), str(source.get("delivered_as", ""))}
    if "email" in kinds:
        return "email"
    return "voice" if any("phone" in k or "call" in k for k in kinds) else "chat"


def _names(part: dict[str, Any]) -> list[str]:
    return [str(a.get("name") or a.get("url") or "file") for a in part.get("attachments") or []]


def to_records(conversation: dict[str, Any], mapping: HelpdeskMapping) -> list[dict[str, Any]]:
    source = conversation.get("source") or {}
    parts = (conversation.get("conversation_parts") or {}).get("conversation_parts") or []
    channel = _channel(source)
    contacts = [Contact(channel)]
    closed = False
    opening = {**source, "created_at": source.get("created_at", conversation.get("created_at"))}
    for part in [opening, *parts]:
        kind = part.get("part_type", "comment")
        if kind == "open" and closed:
            contacts.append(Contact(channel))
        closed = kind == "close" or (closed and kind != "open")
        if kind not in SPOKEN:
            continue
        author = part.get("author") or {}
        role = "customer" if author.get("type") in CUSTOMERS else "agent"
        found = message(role, part.get("body"), _at(part.get("created_at")), _names(part))
        if found:
            contacts[-1].messages.append(found)
    tags = [str(t.get("name", "")) for t in (conversation.get("tags") or {}).get("tags") or []]
    custom = conversation.get("custom_attributes") or {}
    fields = {"team": conversation.get("team_assignee_id"), "admin": conversation.get("admin_assignee_id")}
    agent = pick(mapping, "agent", fields, tags, custom)
    authors = [p.get("author") or {} for p in parts]
    customers = (conversation.get("contacts") or {}).get("contacts") or []
    customer = customers[0].get("id") if customers else (source.get("author") or {}).get("id")
    common = {
        "journey": pick(mapping, "journey", fields, tags, custom),
        "inquiry": pick(mapping, "inquiry", fields, tags, custom),
        "team": pick(mapping, "team", fields, tags, custom),
        "agent_id": agent,
        "agent_name": next((a.get("name") for a in authors if agent and str(a.get("id")) == agent), None),
        "customer_id": str(customer) if customer else None,
        "case_opened_at": _at(conversation.get("created_at")),
        "case_outcome": "resolved" if conversation.get("state") == "closed" else None,
        "source": "intercom",
        "source_updated_at": _at(conversation.get("updated_at")),
    }
    return records(f"intercom-{conversation.get('id')}", contacts, common)
