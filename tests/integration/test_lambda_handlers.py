"""The four Lambda handlers, driven with the events AWS sends, against DynamoDB Local and local fakes."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from lambda_loader import cold_start
from support.slack_lambda import InProcessLambda, api_event

from cx.bootstrap import build_stores
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cxlocal.event_sources import StreamReader
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import block_action_body, signed_headers, slash_command_body
from cxlocal.template_tables import LocalTables

SECRET = "lambda-signing-secret"


@pytest.fixture
def function_env(tables: LocalTables, moto_url: str, monkeypatch: pytest.MonkeyPatch) -> LocalTables:
    monkeypatch.setenv("CX_CONVERSATIONS_TABLE", tables.conversations)
    monkeypatch.setenv("CX_EVALUATIONS_TABLE", tables.evaluations)
    monkeypatch.setenv("CX_AGGREGATES_TABLE", tables.aggregates)
    monkeypatch.setenv("CX_DYNAMODB_ENDPOINT", tables.endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SQS", moto_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto_url)
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", "CxAnalyticsTest")
    return tables


def _conversations(n: int) -> list[Conversation]:
    return generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=3, seed=2).conversations[:n]


def _sqs_event(bodies: list[str]) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": f"m-{i}",
                "receiptHandle": f"r-{i}",
                "body": body,
                "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "0"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:score",
                "awsRegion": "us-east-1",
            }
            for i, body in enumerate(bodies)
        ]
    }


def _stream_event(endpoint: str, table: str) -> dict[str, Any]:
    """The conversations table's stream records from DynamoDB Local, shaped as Lambda receives them."""
    return {"Records": StreamReader(endpoint, table).read_new()}


def test_score_then_aggregate_from_the_stream_exactly_once(function_env: LocalTables, lambda_context: Any) -> None:
    conversations = _conversations(12)
    score = cold_start("score")
    bodies = [c.model_dump_json() for c in conversations] + ['{"id": "broken", "channel": "fax"}']
    result = score.handler(_sqs_event(bodies), lambda_context)
    assert result == {"batchItemFailures": [{"itemIdentifier": f"m-{len(conversations)}"}]}

    aggregate = cold_start("aggregate")
    event = _stream_event(function_env.endpoint, function_env.conversations)
    assert len(event["Records"]) == len(conversations)
    assert aggregate.handler(event, lambda_context) == {"batchItemFailures": []}
    stores = build_stores(Settings.from_env())
    counted = stores.aggregates.read_all()
    evaluations = sum(c.get("evaluations", 0) for (pk, _), c in counted.items() if pk.startswith("channel="))
    assert evaluations == len(conversations)

    # Lambda delivers the same stream batch again (a retry after a timeout): nothing changes
    assert aggregate.handler(event, lambda_context) == {"batchItemFailures": []}
    assert stores.aggregates.read_all() == counted


def test_a_warm_score_function_picks_up_a_shadow_plan_and_a_promotion(
    function_env: LocalTables, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cx.bootstrap import build_promotions, build_shadow_plans, build_version_store
    from cx.calibration.promotion import Promotion
    from cx.calibration.shadow import ShadowPlan
    from cx.scoring.versions import ScorerVersion
    from cx.wiring import current_wiring

    monkeypatch.setenv("CX_CONFIG_TABLE", function_env.config)
    settings = Settings.from_env()
    score = cold_start("score")
    score.wiring = current_wiring(settings, lambda: datetime.now(UTC), max_age=0)  # no minute's wait
    now = datetime.now(UTC)
    build_version_store(settings).create(  # type: ignore[union-attr]
        ScorerVersion(name="w2", kind="offline", params={"weights": {"base": 1.8}}, created_by="ana", created_at=now)
    )
    build_shadow_plans(settings).start(ShadowPlan(version="w2", share=1.0, by="ana", at=now))  # type: ignore[union-attr]
    first, second = _conversations(4)[:2], _conversations(4)[2:]
    assert score.handler(_sqs_event([c.model_dump_json() for c in first]), lambda_context) == {"batchItemFailures": []}
    stores = build_stores(settings)
    assert {e.scorer.version for e in stores.evaluations.shadow_evaluations()} == {"w2"}

    build_promotions(settings).record(Promotion(scorer="w2", previous="offline", by="alice", at=now))
    assert score.handler(_sqs_event([c.model_dump_json() for c in second]), lambda_context) == {"batchItemFailures": []}
    assert [stores.evaluations.latest_evaluation(c.id).scorer.version for c in second] == ["w2", "w2"]  # type: ignore[union-attr]


def test_ingest_queues_valid_conversations_and_keeps_rejects_with_reasons(
    function_env: LocalTables, moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqs = boto3.client("sqs", region_name="us-east-1")
    score_q = sqs.create_queue(QueueName=f"score-{time.time_ns()}")["QueueUrl"]
    rejects_q = sqs.create_queue(QueueName=f"rejects-{time.time_ns()}")["QueueUrl"]
    monkeypatch.setenv("CX_SCORE_QUEUE_URL", score_q)
    monkeypatch.setenv("CX_REJECTS_QUEUE_URL", rejects_q)
    good = [json.loads(c.model_dump_json()) for c in _conversations(2)]
    bad = {"id": "x-1", "channel": "chat", "messages": [{"role": "bot", "text": "hi"}]}
    event = {
        "version": "2.0",
        "routeKey": "POST /ingest",
        "rawPath": "/ingest",
        "rawQueryString": "",
        "headers": {"content-type": "application/json"},
        "requestContext": {
            "http": {"method": "POST", "path": "/ingest", "sourceIp": "127.0.0.1"},
            "requestId": "r1",
            "stage": "$default",
        },
        "body": json.dumps({"conversations": [*good, bad]}),
        "isBase64Encoded": False,
    }
    response = cold_start("ingest").handler(event, lambda_context)
    assert response["statusCode"] == 202
    body = json.loads(response["body"])
    assert body["accepted"] == 2
    assert body["rejected"][0]["line"] == 3 and "messages.0.role" in body["rejected"][0]["reason"]
    queued = sqs.receive_message(QueueUrl=score_q, MaxNumberOfMessages=10)["Messages"]
    assert sorted(json.loads(m["Body"])["id"] for m in queued) == sorted(g["id"] for g in good)
    kept = sqs.receive_message(QueueUrl=rejects_q, MaxNumberOfMessages=10)["Messages"]
    assert json.loads(kept[0]["Body"])["record"] == bad


def test_slack_function_acks_then_answers_and_refuses_forgeries(
    function_env: LocalTables, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets = boto3.client("secretsmanager", region_name="us-east-1")
    arn = secrets.create_secret(
        Name=f"slack-{time.time_ns()}", SecretString=json.dumps({"signing_secret": SECRET, "bot_token": "xoxb-test"})
    )["ARN"]
    monkeypatch.setenv("CX_SLACK_SECRET_ARN", arn)
    with FakeSlack() as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        fn = cold_start("slack")
        fn.lambda_client = InProcessLambda(fn.handler, lambda_context)
        body = slash_command_body("help", slack.response_url())

        forged = fn.handler(api_event(body, signed_headers(body, "wrong-secret")), lambda_context)
        assert forged["statusCode"] == 401

        answered = fn.handler(api_event(body, signed_headers(body, SECRET)), lambda_context)
        assert answered["statusCode"] == 200
        reply = slack.wait_for("response_url")[0].body
        assert "/cx journey <name> [range]" in json.dumps(reply)

        # a drill-down button goes through the same function; with no roles configured it refuses, politely
        view = '{"k":"journey","r":"last-7d","j":"billing"}'
        click = block_action_body("cx_nav:0", view, slack.response_url("act"))
        clicked = fn.handler(api_event(click, signed_headers(click, SECRET)), lambda_context)
        assert clicked["statusCode"] == 200
        refusal = slack.wait_for("response_url", 2)[1].body
        assert refusal["replace_original"] is False, "a refusal never replaces the message"
        assert "No roles are configured yet" in json.dumps(refusal) and "Evaluations" not in json.dumps(refusal)
