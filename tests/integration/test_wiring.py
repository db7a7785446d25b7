"""Each function sees `cx config set` and a rotated Slack secret without a redeploy (one wiring per process)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from aws_lambda_powertools.utilities import parameters
from lambda_loader import cold_start
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from support.secrets import SLACK_SECRET, put_secret
from support.slack_lambda import InProcessLambda, api_event
from support.table_env import table_env

from cx.bootstrap import build_workspace_store, deploy_defaults
from cx.config import Settings
from cx.workspace.store import change_settings
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body
from cxlocal.template_tables import LocalTables


def _env(tables: LocalTables, moto_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    for name, value in {
        **table_env(tables),
        "AWS_ENDPOINT_URL_SECRETS_MANAGER": moto_url,
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
    }.items():
        monkeypatch.setenv(name, value)
    arn: str = put_secret("slack", SLACK_SECRET)
    monkeypatch.setenv("CX_SLACK_SECRET_ARN", arn)
    return arn


def _configure(settings: Settings, *words: str) -> None:
    store = build_workspace_store(settings)
    change_settings(store, deploy_defaults(settings), list(words), "ana", datetime.now(UTC))


@pytest.mark.parametrize("name", ["digest", "coaching", "drift"])
def test_a_scheduled_function_uses_the_stored_pass_threshold_and_time_zone(
    name: str, tables: LocalTables, settings: Settings, moto_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _env(tables, moto_url, monkeypatch)
    fn = cold_start(name)
    assert fn.wiring.get().settings.pass_threshold == 4

    _configure(settings, "pass_threshold=2", "timezone=Pacific/Kiritimati")
    wiring = fn.wiring.get()
    assert wiring.settings.pass_threshold == 2
    assert str(wiring.tz) == "Pacific/Kiritimati"
    # UTC+14: the coaching run's and the drift check's "today" is the configured zone's, not the deploy's
    assert wiring.today() == datetime.now(UTC).astimezone(wiring.tz).date()


def test_a_warm_slack_function_takes_a_rotated_secret_and_a_new_configuration(
    tables: LocalTables, settings: Settings, moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    arn = _env(tables, moto_url, monkeypatch)
    with FakeSlack() as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        fn = cold_start("slack")
        fn.lambda_client = InProcessLambda(fn.handler, lambda_context)
        body = slash_command_body("help", slack.response_url())
        assert fn.handler(api_event(body, signed_headers(body, "s")), lambda_context)["statusCode"] == 200
        assert fn.slack.get().app.client.token == "xoxb-test"
        # the Bolt app's client waits out Slack's 429s (the drift function's test shows one arriving once)
        assert any(isinstance(h, RateLimitErrorRetryHandler) for h in fn.slack.get().app.client.retry_handlers)

        rotated = {"signing_secret": "rotated-secret", "bot_token": "xoxb-rotated"}
        boto3.client("secretsmanager", region_name="us-east-1").put_secret_value(
            SecretId=arn, SecretString=json.dumps(rotated)
        )
        parameters.clear_caches()  # stands in for Powertools' five minutes passing
        _configure(settings, "pass_threshold=2")
        monkeypatch.setattr(fn, "version", lambda: 2)  # stands in for the minute passing

        old = fn.handler(api_event(body, signed_headers(body, "s")), lambda_context)
        assert old["statusCode"] == 401
        new = fn.handler(api_event(body, signed_headers(body, "rotated-secret")), lambda_context)
        assert new["statusCode"] == 200
        app = fn.slack.get().app
        assert app.client.token == "xoxb-rotated"


def test_the_digest_function_builds_its_digest_with_the_stored_pass_threshold_even_on_an_empty_store(
    tables: LocalTables, settings: Settings, moto_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cx.ranges import parse_range

    _env(tables, moto_url, monkeypatch)
    fn = cold_start("digest")
    _configure(settings, "pass_threshold=2")
    now = datetime.now(UTC)

    digest = fn.wiring.get().digest.make(parse_range("last-week", now, UTC), None, now)

    assert digest.pass_threshold == 2 and digest.evaluations == 0
