"""The help-desk HTTP client against a local fake API: 429s waited out as Retry-After says, or given up."""

from __future__ import annotations

import pytest

from cx.adapters.zendesk_api import ZendeskApi
from cx.helpdesks.ports import HelpdeskApiError
from cxlocal.fake_zendesk import FakeZendesk


def test_a_429_is_waited_out_for_retry_after_seconds_then_retried() -> None:
    waits: list[float] = []
    with FakeZendesk("a@b.c", "t") as fake:
        fake.put({"id": 1, "updated_at": "2026-11-20T09:00:00Z"}, [], [])
        fake.throttle("3", "1")
        api = ZendeskApi.with_token(fake.url, "a@b.c", "t", sleep=waits.append)
        assert api.ticket("1")["id"] == 1
    assert waits == [3.0, 1.0]


def test_a_wait_longer_than_two_minutes_fails_the_call_so_the_message_returns_to_its_queue() -> None:
    with FakeZendesk("a@b.c", "t") as fake:
        fake.throttle("900")
        api = ZendeskApi.with_token(fake.url, "a@b.c", "t", sleep=lambda _: pytest.fail("must not sleep"))
        with pytest.raises(HelpdeskApiError, match="asks to wait 900 s"):
            api.ticket("1")


def test_a_refused_token_is_a_clear_error_not_a_retry() -> None:
    with FakeZendesk("a@b.c", "t") as fake:
        api = ZendeskApi.with_token(fake.url, "a@b.c", "wrong", sleep=lambda _: pytest.fail("must not sleep"))
        with pytest.raises(HelpdeskApiError, match="answered 401") as raised:
            api.ticket("1")
    assert raised.value.status == 401
