"""The score function with Claude on Amazon Bedrock: the real `anthropic.AnthropicBedrock` client signs each call
with the function's AWS credentials (SigV4) against the local Bedrock runtime stub; no API key anywhere."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import Any

import pytest
from lambda_loader import cold_start
from support.table_env import table_env
from test_score_handler_claude import answer_for, sqs_event

from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cx.scoring.claude.pricing import PRICES
from cxlocal.anthropic_stub import tool_reply
from cxlocal.bedrock_stub import BedrockStub, bedrock_error
from cxlocal.dynamodb_local import local_client
from cxlocal.template_tables import LocalTables

MODEL = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
REGION = "eu-west-1"
# the Lambda role's temporary credentials, as the runtime puts them in the environment
KEY, SECRET, TOKEN = "ASIABEDROCKSTUB", "bedrock-stub-secret", "stub-session-token"


@pytest.fixture
def bedrock_env(tables: LocalTables, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ANTHROPIC_API_KEY", "CX_ANTHROPIC_SECRET_ARN", "CX_ANTHROPIC_BASE_URL", "AWS_BEARER_TOKEN_BEDROCK"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {
        **table_env(tables),
        "CX_SCORER": "claude",
        "CX_CLAUDE_PROVIDER": "bedrock",
        "CX_CLAUDE_MODEL": MODEL,
        "CX_BEDROCK_REGION": REGION,
        "AWS_ACCESS_KEY_ID": KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_SESSION_TOKEN": TOKEN,
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
        "CX_SCORE_CONCURRENCY": "1",  # the scripted answers (each quoting its conversation) go to the records in order
    }.items():
        monkeypatch.setenv(name, value)


def _conversations(n: int) -> list[Conversation]:
    return generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=2, seed=11).conversations[:n]


def _item(tables: LocalTables, c: Conversation) -> dict[str, Any]:
    dynamodb = local_client(tables.endpoint)
    return dynamodb.get_item(TableName=tables.conversations, Key={"conversation_id": {"S": c.id}}).get("Item", {})


def test_conversations_are_scored_through_bedrock_with_signed_calls_and_no_api_key(
    bedrock_env: None, tables: LocalTables, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversations = _conversations(3)
    assert not any(k in os.environ for k in ("ANTHROPIC_API_KEY", "CX_ANTHROPIC_SECRET_ARN"))

    with BedrockStub({KEY: SECRET}, region=REGION) as stub:
        monkeypatch.setenv("CX_BEDROCK_BASE_URL", stub.base_url)
        stub.script(*[tool_reply(answer_for(c, 4), input_tokens=2000, output_tokens=300) for c in conversations])
        result = cold_start("score").handler(sqs_event([c.model_dump_json() for c in conversations]), lambda_context)
        calls = stub.invocations()

    assert result == {"batchItemFailures": []}
    assert stub.refused == [] and stub.invoked_models() == [MODEL] * 3
    for call in calls:
        assert call.headers["authorization"].startswith(f"AWS4-HMAC-SHA256 Credential={KEY}/")
        assert f"/{REGION}/bedrock/aws4_request" in call.headers["authorization"]
        assert call.headers["x-amz-security-token"] == TOKEN
        assert "x-api-key" not in call.headers
        assert "model" not in call.body and call.body["tool_choice"] == {"type": "tool", "name": "record_evaluation"}
    for c in conversations:
        stored = _item(tables, c)
        assert stored["status"]["S"] == "scored"
        evaluation = json.loads(stored["evaluation"]["S"])
        assert evaluation["cx_score"] == 4 and evaluation["scorer"]["model"] == MODEL
        p = PRICES["claude-haiku-4-5"]  # a Bedrock id has its model's price (an estimate of AWS's bill)
        assert evaluation["usage"]["cost_usd"] == pytest.approx((2000 * p.input + 300 * p.output) / 1e6)


def test_credentials_bedrock_refuses_leave_every_record_on_the_queue(
    bedrock_env: None, tables: LocalTables, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversations = _conversations(2)

    with BedrockStub({KEY: "another-secret"}, region=REGION) as stub:
        monkeypatch.setenv("CX_BEDROCK_BASE_URL", stub.base_url)
        result = cold_start("score").handler(sqs_event([c.model_dump_json() for c in conversations]), lambda_context)

    assert result == {"batchItemFailures": [{"itemIdentifier": "m-0"}, {"itemIdentifier": "m-1"}]}
    assert stub.refused and "signature we calculated does not match" in stub.refused[0]
    assert all(_item(tables, c) == {} for c in conversations)  # not failed for good: retried after the fix


def test_bedrock_throttling_is_retried_like_an_overloaded_api(
    bedrock_env: None, tables: LocalTables, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    (conversation,) = _conversations(1)

    with BedrockStub({KEY: SECRET}, region=REGION) as stub:
        monkeypatch.setenv("CX_BEDROCK_BASE_URL", stub.base_url)
        stub.script(bedrock_error(429), tool_reply(answer_for(conversation, 3)))
        result = cold_start("score").handler(sqs_event([conversation.model_dump_json()]), lambda_context)

    assert result == {"batchItemFailures": []}
    assert len(stub.invocations()) == 2
    assert json.loads(_item(tables, conversation)["evaluation"]["S"])["cx_score"] == 3
