"""`/cx` through the real Bolt app: signed requests in, what Slack receives checked at the fake server."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from support.direct import journey_figures
from support.slack_views import all_text

from cx.config import Settings
from cx.ranges import parse_range
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
SECRET = "test-signing-secret"


@pytest.fixture(scope="module")
def loaded(slack_demo: tuple[Settings, dict[str, Any]]) -> tuple[Settings, dict[str, Any]]:
    return slack_demo


@pytest.fixture
def app(loaded: tuple[Settings, dict[str, Any]], slack: FakeSlack) -> App:
    settings, _ = loaded
    return build_app(
        build_services(settings, clock=lambda: NOW), SECRET, WebClient(token="xoxb-test", base_url=slack.api_url)
    )


def _send(app: App, slack: FakeSlack, text: str, secret: str = SECRET, timestamp: int | None = None) -> int:
    body = slash_command_body(text, slack.response_url())
    headers: dict[str, Any] = signed_headers(body, secret, timestamp)
    return app.dispatch(BoltRequest(body=body, headers=headers)).status


def _reply(slack: FakeSlack) -> dict[str, Any]:
    return slack.wait_for("response_url")[0].body


def test_journey_reply_shows_the_figures_of_the_raw_evaluations(
    app: App, slack: FakeSlack, loaded: tuple[Settings, dict[str, Any]]
) -> None:
    assert _send(app, slack, "journey billing last-week") == 200
    reply = _reply(slack)
    period = parse_range("last-week", NOW, UTC)
    direct = journey_figures(loaded[1]["pairs"], "billing", period.start, period.end, UTC, 4)
    text = all_text(reply)
    assert reply["response_type"] == "ephemeral"
    assert reply["blocks"][0]["text"]["text"] == "Journey: billing"
    assert f"*Evaluations*\n{direct.evaluations}" in text
    assert f"*Average CX score*\n{direct.average:.2f}" in text
    assert f"*% pass (CX ≥ 4)*\n{direct.pass_rate * 100:.0f}%" in text
    assert f"*Cases*\n{direct.cases}" in text
    for outcome, count in direct.outcomes.items():
        assert f"{outcome} " in text and f"({count})" in text
    assert text.count(" evals") == 7, "one trend row per day of the week"


def test_unknown_journey_is_named_with_the_closest_suggestion(app: App, slack: FakeSlack) -> None:
    _send(app, slack, "journey biling last-week")
    text = all_text(_reply(slack))
    assert "I don't know the journey `biling`" in text
    assert "`billing`" in text


def test_a_range_it_cannot_read_says_which_ranges_work(app: App, slack: FakeSlack) -> None:
    _send(app, slack, "journey billing last-fortnight")
    text = all_text(_reply(slack))
    assert "last-fortnight" in text and "last-week" in text and "YYYY-MM-DD..YYYY-MM-DD" in text


def test_help_lists_commands_and_the_inclusion_rules(app: App, slack: FakeSlack) -> None:
    _send(app, slack, "help")
    text = all_text(_reply(slack))
    assert "/cx journey <name> [range]" in text
    assert "at least one evaluated contact" in text


@pytest.mark.parametrize(
    ("secret", "age_seconds"),
    [("not-the-signing-secret", 0), (SECRET, 10 * 60)],
    ids=["forged-signature", "stale-timestamp"],
)
def test_forged_or_stale_requests_are_refused(app: App, slack: FakeSlack, secret: str, age_seconds: int) -> None:
    assert _send(app, slack, "journey billing last-week", secret, int(time.time()) - age_seconds) == 401
    # no fixed wait for an answer that must not come: a signed request sent after it is answered, and alone
    assert _send(app, slack, "help") == 200
    [answer] = slack.wait_for("response_url")
    assert "/cx journey <name> [range]" in all_text(answer.body)
    assert len(slack.calls_to("response_url")) == 1


def test_unsigned_request_is_refused(app: App, slack: FakeSlack) -> None:
    body = slash_command_body("help", slack.response_url())
    response = app.dispatch(BoltRequest(body=body, headers={"content-type": "application/x-www-form-urlencoded"}))
    assert response.status == 401
