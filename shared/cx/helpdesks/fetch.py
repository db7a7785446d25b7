"""After a notification: the whole conversation from the vendor's API, as records for the product's pipeline.

Closing events (Intercom `conversation.admin.closed`, a Zendesk ticket solved) fetch; so does any later
event on a conversation already sent on (a reply after closing, a reopen, a new tag). Other events on a
conversation not closed yet are skipped: it is scored when it closes. A fetched version older than the
one already sent on (vendor `updated_at`) is dropped, so a late event never replaces a newer conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from . import intercom_conversation, zendesk_ticket
from .mapping import HelpdeskMapping
from .notifications import Notification
from .ports import HelpdeskState, IntercomSource, ZendeskSource

Status = Literal["fetched", "not-closed", "stale"]


@dataclass(frozen=True)
class Fetched:
    status: Status
    records: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Sources:
    intercom: IntercomSource | None = None
    zendesk: ZendeskSource | None = None


def _time(value: Any) -> datetime:
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def whole(
    vendor: str, conversation_id: str, sources: Sources, settings: dict[str, str]
) -> tuple[datetime, bool, list[dict[str, Any]]]:
    """(vendor updated_at, whether it is closed now, records) for one conversation."""
    mapping = HelpdeskMapping(vendor, settings)
    if vendor == "intercom":
        if sources.intercom is None:
            raise RuntimeError("no Intercom access token is configured")
        conversation = sources.intercom.conversation(conversation_id)
        closed = conversation.get("state") == "closed"
        return _time(conversation.get("updated_at")), closed, intercom_conversation.to_records(conversation, mapping)
    if sources.zendesk is None:
        raise RuntimeError("no Zendesk API token is configured")
    ticket = sources.zendesk.ticket(conversation_id)
    comments = sources.zendesk.comments(conversation_id)
    people = {str(c.get("author_id")) for c in comments} | {
        str(ticket.get("assignee_id")),
        str(ticket.get("requester_id")),
    }
    users = sources.zendesk.users(sorted(p for p in people if p not in ("None", "")))
    closed = str(ticket.get("status", "")).lower() in {"solved", "closed"}
    return _time(ticket.get("updated_at")), closed, zendesk_ticket.to_records(ticket, comments, users, mapping)


def after_notification(
    notification: Notification, sources: Sources, state: HelpdeskState, settings: dict[str, str]
) -> Fetched:
    sent_before = state.known(notification.key)
    if not notification.closing and not sent_before:
        return Fetched("not-closed")
    updated_at, closed, records = whole(notification.vendor, notification.conversation_id, sources, settings)
    if not closed and not sent_before:
        return Fetched("not-closed")  # reopened again before this closing event was handled
    if not state.advance(notification.key, updated_at):
        return Fetched("stale")
    return Fetched("fetched", records)
