"""The Home tab refreshed after folds, not only when opened: the real aggregate function folds a stream batch from
DynamoDB Local and publishes (views.publish at the fake Slack) the Home tab of each user who opened it, once; a
second fold within the window publishes nothing, the throttle being a conditional write in DynamoDB."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from lambda_loader import cold_start
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.models.views import View as SlackView
from support.secrets import SLACK_SECRET, put_secret

from cx.access import Roles
from cx.bootstrap import build_pipeline, build_stores
from cx.config import Settings
from cx.demo.generator import generate
from cx.home import REFRESH_EVERY
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.event_sources import StreamReader
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import event_body, home_opened_event, json_headers
from cxlocal.template_tables import LocalTables

SECRET = "home-refresh-signing-secret"
MANAGER, NEVER_OPENED = "U0MANAGER", "U0OTHERMGR"


@pytest.fixture
def env(tables: LocalTables, moto_url: str, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name, value in {
        "CX_CONVERSATIONS_TABLE": tables.conversations,
        "CX_EVALUATIONS_TABLE": tables.evaluations,
        "CX_AGGREGATES_TABLE": tables.aggregates,
        "CX_DYNAMODB_ENDPOINT": tables.endpoint,
        "CX_TIMEZONE": "UTC",
        "AWS_ENDPOINT_URL_SECRETS_MANAGER": moto_url,
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
        "CX_SLACK_API_URL": slack.api_url,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CX_SLACK_SECRET_ARN", put_secret("slack", SLACK_SECRET))
    settings = Settings.from_env()
    build_stores(settings).roles.put_roles(Roles(managers=[MANAGER, NEVER_OPENED]))
    return settings


def _publishes(slack: FakeSlack, user: str) -> list[dict[str, Any]]:
    views = [c.body["view"] for c in slack.calls_to("views.publish") if c.body.get("user_id") == user]
    return [json.loads(v) if isinstance(v, str) else v for v in views]


def _score_and_fold(
    settings: Settings, batch: list[Any], stream: StreamReader, aggregate: Any, lambda_context: Any
) -> None:
    build_pipeline(settings, clock=lambda: datetime.now(UTC)).score_and_store(batch)  # the fold is the function's
    event = {"Records": stream.read_new()}
    assert event["Records"]
    assert aggregate.handler(event, lambda_context) == {"batchItemFailures": []}


def test_a_fold_refreshes_an_opened_home_once_and_a_second_fold_within_the_window_does_not(
    env: Settings, slack: FakeSlack, lambda_context: Any
) -> None:
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    conversations = [c for c in generate(end=yesterday, days=1, seed=8).conversations if c.journey][:8]  # 2 folds of 4
    app = build_app(build_services(env, clock=lambda: datetime.now(UTC)), SECRET,
                    WebClient(token="xoxb-test", base_url=slack.api_url))  # fmt: skip
    body = event_body(home_opened_event(MANAGER))
    assert app.dispatch(BoltRequest(body=body, headers=dict(json_headers(body, SECRET)))).status == 200
    [opened] = slack.wait_for("views.publish", 1)
    assert opened.body["user_id"] == MANAGER

    aggregate = cold_start("aggregate")
    stream = StreamReader(env.dynamodb_endpoint or "", env.conversations_table)
    _score_and_fold(env, conversations[:4], stream, aggregate, lambda_context)
    after_first = _publishes(slack, MANAGER)
    assert len(after_first) == 2  # the opening's, then exactly one for the fold
    SlackView(**after_first[-1]).validate_json()
    shown = json.dumps(after_first[-1])
    assert after_first[-1] != after_first[0] and any(c.journey and c.journey in shown for c in conversations[:4])
    assert _publishes(slack, NEVER_OPENED) == []  # only those who opened their Home tab

    _score_and_fold(env, conversations[4:], stream, aggregate, lambda_context)
    assert len(_publishes(slack, MANAGER)) == 2  # within the window: no second publish

    homes = build_stores(env).homes
    assert homes.viewers() == [MANAGER]
    now = datetime.now(UTC)
    assert not homes.claim(MANAGER, now, REFRESH_EVERY)  # the stored throttle holds until the window ends
    assert homes.claim(MANAGER, now + REFRESH_EVERY + timedelta(seconds=1), REFRESH_EVERY)
