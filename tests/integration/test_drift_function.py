"""The scheduled drift function: stored evaluations in, a drift summary posted to the configured channel."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from lambda_loader import cold_start
from support.secrets import SLACK_SECRET, put_secret

from cx.bootstrap import build_drift_status, build_label_store, build_pipeline
from cx.calibration.labels import Label
from cx.config import Settings
from cx.domain.conversation import Conversation
from cxlocal.fake_slack import FakeSlack
from cxlocal.template_tables import LocalTables

HAPPY = "Great, that fixed it, thank you so much!"
ANGRY = "Still broken. This is useless and nobody helps, I'm cancelling."


def _conversation(i: int, started: datetime, journey: str, last: str) -> Conversation:
    return Conversation.model_validate(
        {
            "id": f"{journey}-{i}",
            "channel": "chat",
            "journey": journey,
            "started_at": started.isoformat(),
            "messages": [
                {"role": "customer", "text": f"Question {i} about my {journey}."},
                {"role": "agent", "text": "Let me check that for you."},
                {"role": "customer", "text": last},
            ],
        }
    )


def test_the_drift_function_posts_an_alert_for_a_dropped_journey(
    tables: LocalTables, settings: Settings, moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime.now(UTC)
    monday = (now - timedelta(days=now.weekday())).replace(hour=12, minute=0, second=0, microsecond=0)
    last_week = monday - timedelta(days=7)  # the drift week is last week, Monday to Sunday, as /cx last-week
    conversations = []
    for i in range(100):
        started = last_week + timedelta(days=6 - i % 14)  # last week and the week before it
        current = started >= last_week
        billing_last = ANGRY if current else HAPPY
        conversations.append(_conversation(i, started, "billing", billing_last))
        conversations.append(_conversation(i, started, "orders", HAPPY if i % 4 else ANGRY))
    build_pipeline(settings, clock=lambda: now).process(conversations)
    build_label_store(settings).put_labels(
        [Label(conversation_id="billing-0", reviewer="ana", score=1, labelled_at=now - timedelta(days=1))]
    )
    _drift_env(tables, moto_url, monkeypatch, channel="C0DRIFT")

    with FakeSlack() as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        result = cold_start("drift").handler({}, lambda_context)
        posted = slack.wait_for("chat.postMessage")[0].body
        posted_ts = slack.messages["C0DRIFT"][0]["ts"]

    assert posted["channel"] == "C0DRIFT"
    assert posted["text"].startswith("CX drift alert")
    blocks = json.dumps(posted["blocks"])
    assert "CX drift: alert" in blocks and "journey billing" in blocks
    assert any("billing" in alert for alert in result["alerts"])
    assert not any("orders" in alert for alert in result["alerts"])
    assert "Agreement on recent labels* (1 conversations" in blocks
    assert not any("recent labels" in alert for alert in result["alerts"]), "one label is too few to alert on"
    status = build_drift_status(settings)  # what the weekly digest's scorer health line links to
    assert status is not None and (latest := status.latest()) is not None
    assert latest.alerts == result["alerts"]
    assert latest.permalink == f"{slack.base_url}/archives/C0DRIFT/p{posted_ts.replace('.', '')}"


def _drift_env(tables: LocalTables, moto_url: str, monkeypatch: pytest.MonkeyPatch, channel: str) -> None:
    for name, value in {
        "CX_CONVERSATIONS_TABLE": tables.conversations,
        "CX_EVALUATIONS_TABLE": tables.evaluations,
        "CX_AGGREGATES_TABLE": tables.aggregates,
        "CX_LABELS_TABLE": tables.labels,
        "CX_CONFIG_TABLE": tables.config,
        "CX_DYNAMODB_ENDPOINT": tables.endpoint,
        "AWS_ENDPOINT_URL_SECRETS_MANAGER": moto_url,
        "CX_DRIFT_CHANNEL": channel,
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CX_SLACK_SECRET_ARN", put_secret("slack", SLACK_SECRET))


def test_the_drift_summary_goes_to_the_channel_configured_now_and_is_skipped_without_one(
    tables: LocalTables, settings: Settings, moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cx.bootstrap import build_workspace_store, deploy_defaults
    from cx.workspace.store import change_settings

    _drift_env(tables, moto_url, monkeypatch, channel="")
    with FakeSlack() as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        drift = cold_start("drift")
        skipped = drift.handler({}, lambda_context)
        assert skipped["channel"] is None and "neither drift_channel" in skipped["reason"]
        assert slack.calls_to("chat.postMessage") == []

        store = build_workspace_store(settings)
        change_settings(store, deploy_defaults(settings), ["drift_channel=C0CONFIGURED"], "ana", datetime.now(UTC))
        assert drift.handler({}, lambda_context)["channel"] == "C0CONFIGURED"
        assert slack.wait_for("chat.postMessage")[0].body["channel"] == "C0CONFIGURED"


def test_a_first_configuration_write_from_a_laptop_does_not_switch_the_drift_summary_off(
    tables: LocalTables, settings: Settings, moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The operator's first `cx config set` runs where CX_DRIFT_CHANNEL is not set; the deployment's channel
    must still be used (before, the empty one was stored and drift silently posted nothing)."""
    from cxcli.main import main

    _drift_env(tables, moto_url, monkeypatch, channel="")  # the laptop: no drift channel in its environment
    assert main(["config", "set", "pass_threshold=3", "--by", "ana"]) == 0
    monkeypatch.setenv("CX_DRIFT_CHANNEL", "C0DEPLOYED")  # the deployed function's parameter
    with FakeSlack() as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        result = cold_start("drift").handler({}, lambda_context)
        posted = slack.wait_for("chat.postMessage")[0].body
    assert result["channel"] == "C0DEPLOYED" and posted["channel"] == "C0DEPLOYED"
    assert "Posted to <#C0DEPLOYED> (the deploy parameter CX_DRIFT_CHANNEL)" in json.dumps(posted["blocks"])


def test_a_rate_limited_post_waits_for_retry_after_and_arrives_once(
    tables: LocalTables, settings: Settings, moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slack answers the first chat.postMessage 429 with Retry-After: 1; the client waits and posts it again."""
    now = datetime.now(UTC)
    build_pipeline(settings, clock=lambda: now).process(
        [_conversation(i, now - timedelta(days=3 + i % 7), "billing", HAPPY) for i in range(20)]
    )
    _drift_env(tables, moto_url, monkeypatch, channel="C0DRIFT")
    with FakeSlack() as slack:
        slack.rate_limit("chat.postMessage", times=1, retry_after=1)
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        result = cold_start("drift").handler({}, lambda_context)

    assert result["channel"] == "C0DRIFT"
    assert [call.method for call in slack.rate_limited] == ["chat.postMessage"]
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert len(slack.messages["C0DRIFT"]) == 1
