"""A Zendesk ticket with its comments and users, as contacts of one case.

References: Tickets https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/ ; Ticket
comments https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/ ; Users
https://developer.zendesk.com/api-reference/ticketing/users/users/ (show_many).
Mapped: public comments -> messages (private notes left out), the requester's or an `end-user`'s as
customer, an agent's or admin's as agent; `html_body` (else `body`) to text; attachments by `file_name`;
comment `via.channel` email -> email, voice -> voice, else chat, and a change of channel starts a new
contact; `status` solved/closed -> outcome resolved; `tags`, `custom_fields`, `group_id`, `ticket_form_id`,
`assignee_id` through the configured mapping; the assignee's `name` as agent name.
"""

from __future__ import annotations

from typing import Any

from .contacts import Contact, message, records
from .mapping import HelpdeskMapping, pick

CHANNELS = {"email": "email", "voice": "voice", "phone": "voice"}


def _channel(via: Any, default: str) -> str:
    named = str((via or {}).get("channel") or "").lower()
    return CHANNELS.get(named, "chat") if named else default


def to_records(
    ticket: dict[str, Any], comments: list[dict[str, Any]], users: dict[str, dict[str, Any]], mapping: HelpdeskMapping
) -> list[dict[str, Any]]:
    requester = str(ticket.get("requester_id"))
    default = _channel(ticket.get("via"), "chat")
    contacts: list[Contact] = []
    for comment in comments:
        if comment.get("public") is False:
            continue
        channel = _channel(comment.get("via"), default)
        if not contacts or (contacts[-1].channel != channel and contacts[-1].messages):
            contacts.append(Contact(channel))
        author = str(comment.get("author_id"))
        is_customer = author == requester or users.get(author, {}).get("role") == "end-user"
        files = [str(a.get("file_name") or "file") for a in comment.get("attachments") or []]
        found = message(
            "customer" if is_customer else "agent",
            comment.get("html_body") or comment.get("body"),
            comment.get("created_at"),
            files,
        )
        if found:
            contacts[-1].messages.append(found)
    custom = {str(f.get("id")): f.get("value") for f in ticket.get("custom_fields") or []}
    fields = {
        "group": ticket.get("group_id"),
        "form": ticket.get("ticket_form_id") or ticket.get("form_id"),
        "assignee": ticket.get("assignee_id"),
    }
    tags = [str(t) for t in ticket.get("tags") or []]
    agent = pick(mapping, "agent", fields, tags, custom)
    common = {
        "journey": pick(mapping, "journey", fields, tags, custom),
        "inquiry": pick(mapping, "inquiry", fields, tags, custom),
        "team": pick(mapping, "team", fields, tags, custom),
        "agent_id": agent,
        "agent_name": users.get(str(ticket.get("assignee_id")), {}).get("name") if agent else None,
        "customer_id": requester if ticket.get("requester_id") is not None else None,
        "case_opened_at": ticket.get("created_at"),
        "case_outcome": "resolved" if str(ticket.get("status", "")).lower() in {"solved", "closed"} else None,
        "source": "zendesk",
        "source_updated_at": ticket.get("updated_at"),
    }
    return records(f"zendesk-{ticket.get('id')}", contacts, common)
