"""What the bot reports about itself: commands answered and their latency, failures counted and apologised for."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from support.slack_views import all_text

from cx.config import Settings
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxbot.services import BotServices
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
SECRET = "test-signing-secret"


@dataclass
class Recorded:
    metrics: list[tuple[str, float, str]] = field(default_factory=list)

    def record(self, name: str, value: float, unit: str) -> None:
        self.metrics.append((name, value, unit))

    def names(self, expected: int) -> list[str]:
        """The metric names, once ``expected`` are in (the lazy answer records them after Slack has the reply)."""
        deadline = time.monotonic() + 300  # returns as soon as they are in; a busy machine takes seconds
        while len(self.metrics) < expected and time.monotonic() < deadline:
            time.sleep(0.01)
        return [name for name, _, _ in self.metrics]


class BrokenReports:
    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise ConnectionError("DynamoDB is unreachable")

        return fail


def _services(slack_demo: tuple[Settings, dict[str, Any]]) -> BotServices:
    return build_services(slack_demo[0], clock=lambda: NOW)


def _ask(services: BotServices, slack: FakeSlack, text: str) -> dict[str, Any]:
    app: App = build_app(services, SECRET, WebClient(token="xoxb-test", base_url=slack.api_url))
    body = slash_command_body(text, slack.response_url())
    assert app.dispatch(BoltRequest(body=body, headers=signed_headers(body, SECRET))).status == 200
    return slack.wait_for("response_url")[0].body


def test_an_answered_command_is_counted_with_its_latency(
    slack_demo: tuple[Settings, dict[str, Any]], slack: FakeSlack
) -> None:
    telemetry = Recorded()
    reply = _ask(replace(_services(slack_demo), telemetry=telemetry), slack, "journey billing last-week")
    assert "Journey: billing" in all_text(reply)
    assert telemetry.names(2) == ["SlashCommandAnswered", "SlashCommandLatency"]
    _, latency, unit = telemetry.metrics[1]
    assert unit == "Milliseconds" and latency > 0


def test_a_failing_command_apologises_and_is_counted_as_failed(
    slack_demo: tuple[Settings, dict[str, Any]], slack: FakeSlack
) -> None:
    telemetry = Recorded()
    services = replace(_services(slack_demo), telemetry=telemetry, reports=BrokenReports())
    reply = _ask(services, slack, "journey billing last-week")
    assert "failed on our side" in reply["text"] and "journey billing last-week" in reply["text"]
    assert "DynamoDB" not in reply["text"], "no internals in the user's reply"
    assert telemetry.names(1) == ["SlashCommandFailed"]
