"""A vendor's webhook body as an event: which conversation changed, and whether it was closed.

Notifications carry a fragment (Intercom's `data.item` holds only the part that triggered it; Zendesk's
events hold the ticket's fields, no comments), so the product fetches the whole conversation after one.
- Intercom (https://developers.intercom.com/docs/references/2.11/webhooks/webhook-models): `type`
  `notification_event`, `topic` `conversation.*`, `id` (the notification), `data.item.id`.
  `conversation.admin.closed` closes it.
- Zendesk events (https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/): `type`
  `zen:event-type:ticket.*`, `id`, `subject` `zen:ticket:<id>`, `detail.id`, `detail.status`; a
  `ticket.status_changed` to solved or closed closes it. Trigger webhooks send the body the trigger
  defines: docs/helpdesks.md gives `{"ticket": {"id": "{{ticket.id}}", "status": "{{ticket.status}}"}}`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

Vendor = Literal["intercom", "zendesk"]
CLOSED_STATUSES = {"solved", "closed"}
VENDOR_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # goes into an API path: nothing else is let through


class NotNotification(ValueError):
    """The body is not a notification this product reads; the message says what was expected."""


@dataclass(frozen=True)
class Notification:
    vendor: Vendor
    conversation_id: str  # the vendor's id
    closing: bool  # this event closed/solved the conversation
    topic: str
    workspace: str = ""  # the Slack workspace whose help desk sent it (its route's); "": the single workspace

    def __post_init__(self) -> None:
        if not VENDOR_ID.match(self.conversation_id):
            raise NotNotification(f"{self.conversation_id[:40]!r} is not a {self.vendor} conversation id")

    @property
    def key(self) -> str:
        return f"{self.vendor}-{self.conversation_id}"

    def to_json(self) -> str:
        values = {"vendor": self.vendor, "conversation_id": self.conversation_id, "closing": self.closing,
                  "topic": self.topic}  # fmt: skip
        return json.dumps({**values, "workspace": self.workspace} if self.workspace else values)

    @classmethod
    def from_json(cls, body: str) -> Notification:
        data = json.loads(body)
        vendor = data["vendor"]
        if vendor not in ("intercom", "zendesk"):
            raise NotNotification(f"unknown vendor {vendor!r}")
        workspace = str(data.get("workspace") or "")
        if workspace and not workspace.isalnum():
            raise NotNotification(f"workspace {workspace[:40]!r} is not a Slack team or enterprise id")
        return cls(vendor, str(data["conversation_id"]), bool(data["closing"]), str(data.get("topic", "")), workspace)


def _load(body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise NotNotification(f"the body is not JSON ({exc})") from None
    if not isinstance(payload, dict):
        raise NotNotification("the body is not a JSON object")
    return payload


def intercom_notification(body: bytes) -> tuple[Notification | None, str]:
    """The notification (None for a topic that is not about a conversation, e.g. `ping`) and its delivery id."""
    payload = _load(body)
    if payload.get("type") != "notification_event":
        raise NotNotification("an Intercom notification has `type: notification_event`")
    topic = str(payload.get("topic", ""))
    delivery = str(payload.get("id") or "")
    item = (payload.get("data") or {}).get("item") or {}
    if not topic.startswith("conversation.") or topic == "conversation.deleted" or not item.get("id"):
        return None, delivery
    return Notification("intercom", str(item["id"]), topic == "conversation.admin.closed", topic), delivery


def zendesk_notification(body: bytes) -> Notification | None:
    """None for an event that is not about a ticket (user, organization, article events)."""
    payload = _load(body)
    kind = str(payload.get("type", ""))
    if kind.startswith("zen:event-type:"):
        if not kind.startswith("zen:event-type:ticket.") or kind.endswith(("deleted", "marked_as_spam")):
            return None
        detail = payload.get("detail") or {}
        ticket = detail.get("id") or str(payload.get("subject", "")).removeprefix("zen:ticket:")
        event = payload.get("event") or {}
        status = event.get("current") if kind.endswith("status_changed") else None
        closing = str(status or "").lower() in CLOSED_STATUSES
        if not ticket:
            raise NotNotification("a Zendesk ticket event names its ticket in `detail.id`")
        return Notification("zendesk", str(ticket), closing, kind.removeprefix("zen:event-type:"))
    ticket = payload.get("ticket")
    if isinstance(ticket, dict) and ticket.get("id"):
        closing = str(ticket.get("status", "")).lower() in CLOSED_STATUSES
        return Notification("zendesk", str(ticket["id"]), closing, "trigger")
    raise NotNotification(
        "a Zendesk body is an event (`type: zen:event-type:ticket.…`) or a trigger body "
        '{"ticket": {"id": "{{ticket.id}}", "status": "{{ticket.status}}"}}'
    )
