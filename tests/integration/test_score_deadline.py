"""The score function scores a batch's records in parallel (bounded), starts a record only while enough of the
invocation is left, and reports what it did not start or finish as batch item failures; their retry scores only
those, and a whole batch delivered again scores nothing twice."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from lambda_loader import cold_start
from support.table_env import table_env
from test_score_handler_claude import sqs_event

from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cxlocal.anthropic_stub import AnthropicStub, quoting
from cxlocal.dynamodb_local import local_client
from cxlocal.template_tables import LocalTables

MODEL = "claude-haiku-4-5"


class ShrinkingContext:
    """A Lambda context whose remaining time falls by ``step`` ms with every call the stub has answered."""

    function_name, memory_limit_in_mb = "cx-test", 256
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:cx-test"
    aws_request_id = "00000000-0000-4000-8000-000000000001"

    def __init__(self, stub: AnthropicStub, start_ms: int, step_ms: int) -> None:
        self.stub, self.start_ms, self.step_ms = stub, start_ms, step_ms

    def get_remaining_time_in_millis(self) -> int:
        return self.start_ms - self.step_ms * self.stub.answered


@pytest.fixture
def claude_env(tables: LocalTables, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        **table_env(tables),
        "CX_SCORER": "claude",
        "CX_CLAUDE_MODEL": MODEL,
        "ANTHROPIC_API_KEY": "sk-ant-test",
        "CX_SCORE_CONCURRENCY": "4",
        "CX_SCORE_START_SECONDS": "20",
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
    }.items():
        monkeypatch.setenv(name, value)


def _stored(tables: LocalTables, conversations: list[Conversation]) -> dict[str, str]:
    dynamodb = local_client(tables.endpoint)
    out = {}
    for c in conversations:
        item = dynamodb.get_item(TableName=tables.conversations, Key={"conversation_id": {"S": c.id}}).get("Item")
        if item:
            out[c.id] = item["status"]["S"]
    return out


def test_records_without_time_left_fail_and_their_retry_scores_only_them(
    claude_env: None, tables: LocalTables, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversations = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=3, seed=21).conversations[:10]
    event = sqs_event([c.model_dump_json() for c in conversations])
    with AnthropicStub() as stub:
        monkeypatch.setenv("CX_ANTHROPIC_BASE_URL", stub.base_url)
        stub.responder = quoting(delay=1.0)  # long enough that concurrent calls overlap on a busy machine
        score = cold_start("score")
        # 60 s left, 15 s less with each answer: after three answers no record may start (20 s needed) and a
        # started one finds under 5 s for its call
        first = score.handler(event, ShrinkingContext(stub, 60_000, 15_000))
        first_calls = len(stub.message_requests())
        failed = [int(f["itemIdentifier"].removeprefix("m-")) for f in first["batchItemFailures"]]
        stored_after_first = _stored(tables, conversations)

        retry = score.handler(sqs_event([event["Records"][i]["body"] for i in failed]), lambda_context)
        retry_calls = len(stub.message_requests()) - first_calls
        again = score.handler(event, lambda_context)  # the whole batch delivered once more
        again_calls = len(stub.message_requests()) - first_calls - retry_calls

    assert 2 <= stub.max_in_flight <= 4  # calls in parallel, never more than CX_SCORE_CONCURRENCY
    assert failed and len(failed) < len(conversations)
    assert set(stored_after_first) == {c.id for i, c in enumerate(conversations) if i not in failed}
    assert set(stored_after_first.values()) == {"scored"}  # a record out of time is not marked failed for good
    assert first_calls == len(conversations) - len(failed)  # no call was started for a record that then failed
    assert retry == {"batchItemFailures": []} and retry_calls == len(failed)
    assert again == {"batchItemFailures": []} and again_calls == 0
    evaluations = local_client(tables.endpoint).scan(TableName=tables.evaluations)["Items"]
    # one evaluation a conversation, none twice (an evaluation's key is the conversation and the evaluation's id)
    assert sorted(e["conversation_id"]["S"] for e in evaluations) == sorted(c.id for c in conversations)
