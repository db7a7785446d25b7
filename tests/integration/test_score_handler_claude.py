"""The score function with CX_SCORER=claude: the key from Secrets Manager, the model from the local stub,
and what happens to each record of an SQS batch when answers are bad or the API is overloaded."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from lambda_loader import cold_start
from support.secrets import put_secret
from support.table_env import table_env

from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cx.scoring.claude.prompt import redacted_texts
from cxlocal.anthropic_stub import AnthropicStub, error_reply, evaluation_answer, tool_reply
from cxlocal.dynamodb_local import local_client
from cxlocal.template_tables import LocalTables

MODEL = "claude-haiku-4-5-20251001"


def answer_for(conversation: Conversation, score: int) -> dict[str, Any]:
    return evaluation_answer(redacted_texts(conversation)[0][:25].strip(), score)


def sqs_event(bodies: list[str]) -> dict[str, Any]:
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


def test_bad_answers_fail_with_a_reason_and_an_overload_leaves_the_rest_on_the_queue(
    tables: LocalTables, moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto_url)
    arn = put_secret("anthropic", {"api_key": "sk-ant-test"})
    for name, value in {
        **table_env(tables),
        "CX_SCORER": "claude",
        "CX_CLAUDE_MODEL": MODEL,
        "CX_ANTHROPIC_SECRET_ARN": arn,
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
        "CX_SCORE_CONCURRENCY": "1",  # one call at a time: the scripted answers go to the records in order
    }.items():
        monkeypatch.setenv(name, value)
    conversations = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=2, seed=5).conversations[:5]
    good, bad, *rest = conversations

    with AnthropicStub() as stub:
        monkeypatch.setenv("CX_ANTHROPIC_BASE_URL", stub.base_url)
        stub.script(
            tool_reply(answer_for(good, 2)),
            tool_reply(answer_for(bad, 6)),  # outside the schema, twice
            tool_reply({"cx_score": 3}),
            *[error_reply(529, retry_after="0.01") for _ in range(10)],
        )
        score = cold_start("score")
        result = score.handler(sqs_event([c.model_dump_json() for c in conversations]), lambda_context)
        calls = stub.message_requests()

    assert result == {"batchItemFailures": [{"itemIdentifier": f"m-{i}"} for i in range(1, 5)]}
    assert len(calls) == 1 + 2 + 5  # the circuit opened after 5 overloads in a row: the last record made no call
    assert calls[0].headers.get("authorization") == "Bearer sk-ant-test"
    dynamodb = local_client(tables.endpoint)

    def item(c: Conversation) -> dict[str, Any]:
        return dynamodb.get_item(TableName=tables.conversations, Key={"conversation_id": {"S": c.id}}).get("Item", {})

    scored = item(good)
    assert scored["status"]["S"] == "scored"
    assert json.loads(scored["evaluation"]["S"])["cx_score"] == 2
    failed = item(bad)
    assert failed["status"]["S"] == "failed"
    assert "outside the schema" in failed["failure"]["S"]
    assert "evaluation" not in failed or "NULL" in failed["evaluation"]
    assert all(item(c) == {} for c in rest)  # not marked failed: still on the queue, to be tried again
