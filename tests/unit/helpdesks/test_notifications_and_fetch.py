"""Vendor notifications read as events, and what a fetch sends on: with in-memory fakes of the ports."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cx.helpdesks.fetch import Sources, after_notification
from cx.helpdesks.notifications import Notification, NotNotification, intercom_notification, zendesk_notification
from cx.helpdesks.ports import HelpdeskState, IntercomSource, Page, ZendeskSource

EVENTS = Path(__file__).resolve().parents[2] / "events"


def _load(name: str) -> Any:
    return json.loads((EVENTS / name).read_text())


class MemoryState(HelpdeskState):
    def __init__(self) -> None:
        self.versions: dict[str, datetime] = {}
        self.deliveries: set[str] = set()

    def advance(self, key: str, updated_at: datetime) -> bool:
        if key in self.versions and self.versions[key] > updated_at:
            return False
        self.versions[key] = updated_at
        return True

    def known(self, key: str) -> bool:
        return key in self.versions

    def first_delivery(self, delivery_id: str, now: datetime) -> bool:
        fresh = delivery_id not in self.deliveries
        self.deliveries.add(delivery_id)
        return fresh

    def forget_delivery(self, delivery_id: str) -> None:
        self.deliveries.discard(delivery_id)

    def cursor(self, name: str) -> str | None:
        return None

    def save_cursor(self, name: str, cursor: str | None) -> None:
        pass


class MemoryIntercom(IntercomSource):
    def __init__(self, conversation: dict[str, Any]) -> None:
        self.conversation_ = conversation

    def conversation(self, conversation_id: str) -> dict[str, Any]:
        return self.conversation_

    def updated_since(self, since: datetime, cursor: str | None) -> Page:
        return Page([str(self.conversation_["id"])], None, True)


class MemoryZendesk(ZendeskSource):
    def ticket(self, ticket_id: str) -> dict[str, Any]:
        return dict(_load("zendesk/ticket_35436.json")["ticket"])

    def comments(self, ticket_id: str) -> list[dict[str, Any]]:
        return list(_load("zendesk/comments_35436.json")["comments"])

    def users(self, user_ids: list[str]) -> dict[str, dict[str, Any]]:
        return {str(u["id"]): u for u in _load("zendesk/users.json")["users"] if str(u["id"]) in user_ids}

    def updated_since(self, since: datetime, cursor: str | None) -> Page:
        return Page(["35436"], None, True)


def test_an_intercom_close_is_an_event_on_the_conversation_and_a_ping_is_nothing() -> None:
    notification, delivery = intercom_notification(
        (EVENTS / "intercom/notification_conversation_admin_closed.json").read_bytes()
    )

    assert notification == Notification("intercom", "215471", True, "conversation.admin.closed")
    assert delivery.startswith("notif_")
    ping = json.dumps({"type": "notification_event", "topic": "ping", "id": "notif_1", "data": {"item": {}}})
    assert intercom_notification(ping.encode()) == (None, "notif_1")
    with pytest.raises(NotNotification, match="notification_event"):
        intercom_notification(b'{"type": "conversation"}')


def test_zendesk_events_and_trigger_bodies_name_the_ticket_and_whether_it_was_solved() -> None:
    solved = zendesk_notification((EVENTS / "zendesk/event_ticket_status_changed.json").read_bytes())
    comment = zendesk_notification((EVENTS / "zendesk/event_ticket_comment_added.json").read_bytes())
    trigger = zendesk_notification((EVENTS / "zendesk/trigger_body.json").read_bytes())

    assert (solved and solved.conversation_id, solved and solved.closing) == ("35436", True)
    assert comment is not None and not comment.closing
    assert trigger == Notification("zendesk", "35436", True, "trigger")
    assert zendesk_notification(b'{"type": "zen:event-type:user.active_changed", "detail": {"id": "1"}}') is None


def test_updates_before_the_close_are_skipped_and_after_it_fetched_again() -> None:
    state, sources = MemoryState(), Sources(zendesk=MemoryZendesk())
    reply = Notification("zendesk", "35436", False, "ticket.comment_added")
    solved = Notification("zendesk", "35436", True, "ticket.status_changed")

    assert after_notification(reply, sources, state, {}).status == "not-closed"
    fetched = after_notification(solved, sources, state, {})
    assert fetched.status == "fetched" and [r["id"] for r in fetched.records] == ["zendesk-35436", "zendesk-35436-c2"]
    assert after_notification(reply, sources, state, {}).status == "fetched"  # a comment after solving


def test_an_older_version_than_one_sent_on_is_stale() -> None:
    state = MemoryState()
    closed = Notification("intercom", "215471", True, "conversation.admin.closed")
    newer = _load("intercom/conversation_215471_reopened.json")
    assert after_notification(closed, Sources(intercom=MemoryIntercom(newer)), state, {}).status == "fetched"

    older = _load("intercom/conversation_215471.json")
    assert after_notification(closed, Sources(intercom=MemoryIntercom(older)), state, {}).status == "stale"
    assert state.versions["intercom-215471"] == datetime.fromtimestamp(newer["updated_at"], UTC)


def test_an_id_that_is_not_a_vendor_id_never_reaches_an_api_path() -> None:
    body = json.dumps({"type": "zen:event-type:ticket.status_changed", "detail": {"id": "../users/me"}})
    with pytest.raises(NotNotification, match="is not a zendesk conversation id"):
        zendesk_notification(body.encode())
