"""A Zendesk ticket webhook as a conversation.

Zendesk webhooks carry what the trigger's JSON body says; the mapping expects the ticket the way the
Tickets API shows it, `{"ticket": {...}}` with its `comments` (as a trigger can send them):
`ticket.id` -> id; public `comments` -> messages (private notes left out), the requester's
(`author_id == requester_id`) as customer, anyone else's as agent; `via.channel` `email`/`voice`
-> that channel, else chat; `assignee_id` -> agent_id; `status` `solved`/`closed` -> resolved.
"""

from __future__ import annotations

from typing import Any

from .text import plain

CHANNELS = {"email": "email", "voice": "voice", "phone": "voice"}


def is_zendesk(payload: Any) -> bool:
    return isinstance(payload, dict) and isinstance(payload.get("ticket"), dict) and "comments" in payload["ticket"]


def to_record(payload: dict[str, Any]) -> dict[str, Any]:
    ticket = payload["ticket"]
    requester = ticket.get("requester_id")
    messages = []
    for comment in ticket.get("comments") or []:
        text = plain(comment.get("plain_body") or comment.get("body") or "")
        if not text or comment.get("public") is False:
            continue
        role = "customer" if requester is not None and comment.get("author_id") == requester else "agent"
        messages.append({k: v for k, v in {"role": role, "text": text, "at": comment.get("created_at")}.items() if v})
    record: dict[str, Any] = {
        "id": f"zendesk-{ticket['id']}" if ticket.get("id") is not None else None,
        "channel": CHANNELS.get(str((ticket.get("via") or {}).get("channel", "")).lower(), "chat"),
        "messages": messages,
        "started_at": ticket.get("created_at"),
        "agent_id": str(ticket["assignee_id"]) if ticket.get("assignee_id") else None,
        "customer_id": str(requester) if requester is not None else None,
        "case_outcome": "resolved" if ticket.get("status") in {"solved", "closed"} else None,
        "source": "zendesk",
    }
    return {k: v for k, v in record.items() if v is not None}
