"""Fault injection on DynamoDB Local and moto SQS: duplicate deliveries, a crash mid-batch, a re-score with a
new rubric and malformed input. Afterwards the aggregates equal a recomputation from the raw evaluations,
every malformed input is in the rejects queue or the DLQ with its reason, and no valid conversation is missing.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from lambda_loader import cold_start

from cx.bootstrap import build_pipeline
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.scoring.offline import OfflineScorer
from cx.scoring.port import ScoringError
from cx.scoring.weights import DEFAULT
from cxlocal.dynamodb_local import local_client
from cxlocal.event_sources import StreamReader, sqs_event
from cxlocal.template_tables import LocalTables, load_template

STREAM_BATCH = 40
REFUSED = "refused-by-scorer"


class NewRubric(OfflineScorer):
    """The offline scorer under another rubric version, with other weights (so scores move)."""

    def __init__(self) -> None:
        super().__init__(replace(DEFAULT, base=DEFAULT.base - 0.8))
        self._info = self._info.model_copy(update={"rubric_version": "offline-v2-test"})


class Refusing:
    """Wraps a scorer; one conversation can never be scored (as a model that keeps refusing it)."""

    def __init__(self, inner: OfflineScorer) -> None:
        self.inner = inner

    @property
    def info(self) -> Any:
        return self.inner.info

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        if conversation.id == REFUSED:
            raise ScoringError("the scorer refused this conversation")
        return self.inner.score(conversation, now)


class CrashAfter:
    """An aggregate store whose process dies after ``n`` transactions of a fold (a Lambda timeout, say)."""

    def __init__(self, inner: Any, n: int) -> None:
        self.inner, self.left, self.crashed = inner, n, False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def apply(self, plan: Any) -> None:
        if self.left == 0:
            self.crashed = True
            raise RuntimeError("injected crash")
        self.left -= 1
        self.inner.apply(plan)


def _max_receive_count() -> int:
    return int(load_template()["Resources"]["ScoreQueue"]["Properties"]["RedrivePolicy"]["maxReceiveCount"])


def _api_event(payload: Any) -> dict[str, Any]:
    return {
        "version": "2.0",
        "routeKey": "POST /ingest",
        "rawPath": "/ingest",
        "rawQueryString": "",
        "headers": {"content-type": "application/json"},
        "requestContext": {
            "http": {"method": "POST", "path": "/ingest", "sourceIp": "127.0.0.1"},
            "requestId": "r",
            "stage": "$default",
        },
        "body": json.dumps(payload),
        "isBase64Encoded": False,
    }


MALFORMED: list[Any] = [
    {"id": "bad-channel", "channel": "fax", "messages": [{"role": "customer", "text": "hi"}]},
    {"id": "bad-empty", "channel": "chat", "messages": []},
    {"id": "bad-no-customer", "channel": "chat", "messages": [{"role": "agent", "text": "Hello?"}]},
    {
        "id": "bad-naive-time",
        "channel": "chat",
        "messages": [{"role": "customer", "text": "x", "at": "2026-11-20T10:00"}],
    },
    "not an object",
]
POISON = ["{not json", '{"id": "poison-2", "channel": "chat"}']


def test_duplicates_crashes_rescoring_and_garbage_leave_exact_aggregates(
    tables: LocalTables, moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqs = boto3.client("sqs", region_name="us-east-1", endpoint_url=moto_url)
    dlq = sqs.create_queue(QueueName=f"dlq-{time.time_ns()}")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(_max_receive_count())})
    score_q = sqs.create_queue(
        QueueName=f"score-{time.time_ns()}", Attributes={"VisibilityTimeout": "0", "RedrivePolicy": redrive}
    )["QueueUrl"]
    rejects_q = sqs.create_queue(QueueName=f"rejects-{time.time_ns()}")["QueueUrl"]
    for name, value in {
        "CX_CONVERSATIONS_TABLE": tables.conversations,
        "CX_EVALUATIONS_TABLE": tables.evaluations,
        "CX_AGGREGATES_TABLE": tables.aggregates,
        "CX_DYNAMODB_ENDPOINT": tables.endpoint,
        "AWS_ENDPOINT_URL_SQS": moto_url,
        "CX_SCORE_QUEUE_URL": score_q,
        "CX_REJECTS_QUEUE_URL": rejects_q,
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
    }.items():
        monkeypatch.setenv(name, value)
    valid = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=4, seed=11).conversations[:95]
    refused = valid[0].model_copy(update={"id": REFUSED, "case_id": None})
    ingest, score, aggregate = cold_start("ingest"), cold_start("score"), cold_start("aggregate")
    score.wiring.get().scoring.scorer = Refusing(OfflineScorer())
    stream = StreamReader(tables.endpoint, tables.conversations)

    def drain_score_queue() -> None:
        """The SQS event source: batches of 10, each delivered twice; what succeeded is deleted."""
        for _ in range(200):
            messages = sqs.receive_message(QueueUrl=score_q, MaxNumberOfMessages=10).get("Messages", [])
            if not messages:
                return
            event = sqs_event([dict(m) for m in messages], "arn:aws:sqs:us-east-1:123456789012:score")
            score.handler(event, lambda_context)
            failed = {f["itemIdentifier"] for f in score.handler(event, lambda_context)["batchItemFailures"]}
            done = [m for m in messages if m["MessageId"] not in failed]
            for m in done:
                sqs.delete_message(QueueUrl=score_q, ReceiptHandle=m["ReceiptHandle"])
        raise AssertionError("the score queue never drained")

    def drain_stream(crash_in_batch: int, after: int) -> list[CrashAfter]:
        """The stream event source: batches in order, each delivered twice; a failed batch is retried whole."""
        records, crashes = stream.read_new(), []
        wiring = aggregate.wiring.get()
        real = wiring.stores
        for number, start in enumerate(range(0, len(records), STREAM_BATCH)):
            event = {"Records": records[start : start + STREAM_BATCH]}
            if number == crash_in_batch:
                crashes.append(CrashAfter(real.aggregates, n=after))
                monkeypatch.setattr(wiring, "stores", replace(real, aggregates=crashes[-1]))
                outcome = aggregate.handler(event, lambda_context)
                assert outcome["batchItemFailures"], "the crash was not reported"
                monkeypatch.setattr(wiring, "stores", real)
            for _ in range(2):
                assert aggregate.handler(event, lambda_context) == {"batchItemFailures": []}
        return crashes

    # 1. ingest: 95 valid conversations, 5 malformed records (5%), and one the scorer will refuse
    payload = [json.loads(c.model_dump_json(exclude_none=True)) for c in [*valid, refused]]
    payload[10:10] = MALFORMED
    response = ingest.handler(_api_event({"conversations": payload}), lambda_context)
    assert json.loads(response["body"])["accepted"] == len(valid) + 1
    for body in POISON:  # garbage that reached the score queue some other way
        sqs.send_message(QueueUrl=score_q, MessageBody=body)

    # 2. score (every SQS batch twice), aggregate (every stream batch twice, one crash mid-batch)
    drain_score_queue()
    crashes = drain_stream(crash_in_batch=1, after=1)
    assert crashes[0].crashed, "the crash did not come after the batch's first transaction"

    # 3. re-score a fifth of the conversations with a new rubric, delivered the same way
    score.wiring.get().scoring.scorer = Refusing(NewRubric())
    rescored = valid[::5]
    for c in rescored:
        sqs.send_message(QueueUrl=score_q, MessageBody=c.model_dump_json(exclude_none=True))
    drain_score_queue()
    assert drain_stream(crash_in_batch=0, after=0)[0].crashed

    # the aggregates equal a recomputation from the raw evaluations
    assert build_pipeline(Settings.from_env(), clock=lambda: datetime.now(UTC)).rebuild() == []
    dynamodb = local_client(tables.endpoint)
    items = dynamodb.scan(TableName=tables.conversations)["Items"]
    evaluations = {
        i["conversation_id"]["S"]: json.loads(i["evaluation"]["S"]) for i in items if "S" in i.get("evaluation", {})
    }
    counted = build_pipeline(Settings.from_env(), clock=lambda: datetime.now(UTC)).aggregates.read_all()
    by_channel = [c for (pk, _), c in counted.items() if pk.startswith("channel=")]
    assert sum(c.get("evaluations", 0) for c in by_channel) == len(valid)
    assert sum(c.get("score_sum", 0) for c in by_channel) == sum(e["cx_score"] for e in evaluations.values())

    # no valid conversation is missing; the re-scored ones carry the new rubric, once
    assert set(evaluations) == {c.id for c in valid}
    new_rubric = {cid for cid, e in evaluations.items() if e["scorer"]["rubric_version"] == "offline-v2-test"}
    assert new_rubric == {c.id for c in rescored}

    # every malformed input is in the rejects queue or the DLQ, with its reason
    kept = []
    for _ in range(5):
        kept += sqs.receive_message(QueueUrl=rejects_q, MaxNumberOfMessages=10).get("Messages", [])
    rejects = [json.loads(m["Body"]) for m in kept]
    # (a redelivered batch may send the same reject twice: the rejects queue is at least once too)
    expected = [*MALFORMED, "{not json", {"id": "poison-2", "channel": "chat"}]
    assert {json.dumps(r["record"]) for r in rejects} == {json.dumps(m) for m in expected}
    assert all(r["reason"] for r in rejects)
    dead = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10).get("Messages", [])
    assert [json.loads(m["Body"])["id"] for m in dead] == [REFUSED]
    failed = next(i for i in items if i["conversation_id"]["S"] == REFUSED)
    assert failed["status"]["S"] == "failed" and "refused" in failed["failure"]["S"]
