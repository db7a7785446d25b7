"""Fault injection on DynamoDB Local and moto SQS: duplicate deliveries, a crash mid-batch, a re-score with a
new rubric and malformed input. Afterwards the aggregates equal a recomputation from the raw evaluations,
every malformed input is in the rejects queue or the DLQ with its reason, and no valid conversation is missing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import select
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from lambda_loader import cold_start
from support.table_env import table_env

from cx.aggregation import service
from cx.aggregation.keys import JOURNAL_PK
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

STREAM_BATCH = 20
COMMIT = 8  # conversations a fold commits at once (32 in the product), so that a stream batch takes several
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
    monkeypatch.setattr(service, "CONVERSATIONS_PER_COMMIT", COMMIT)
    valid = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=4, seed=11).conversations[:40]
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

    # 1. ingest: 40 valid conversations, 5 malformed records, and one the scorer will refuse
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


class Killed(Exception):
    """The process died: from the injected moment on, none of its requests reach DynamoDB."""


def _kill_after(pipeline: Any, batch_writes: int) -> dict[str, int]:
    """Let ``batch_writes`` BatchWriteItem calls of the aggregates through (the journal's, then the items'),
    then fail every request of every table the store talks to, its lease's included: nothing cleans up."""
    store = pipeline.aggregates
    models = [getattr(store._m, f.name) for f in dataclasses.fields(store._m)]
    clients = [m._get_connection().connection.client for m in models] + [store._connection.client]
    aggregate_client = store._m.aggregate._get_connection().connection.client
    seen = {"batch_writes": 0, "dead": 0}

    def count(event_name: str, **_: Any) -> None:
        if event_name.endswith("BatchWriteItem"):
            if seen["batch_writes"] >= batch_writes:
                seen["dead"] = 1
            else:
                seen["batch_writes"] += 1

    def fail_when_dead(event_name: str, **_: Any) -> None:
        if seen["dead"]:
            raise Killed(event_name)

    aggregate_client.meta.events.register("before-call.dynamodb.*", count)
    for client in clients:
        client.meta.events.register("before-call.dynamodb.*", fail_when_dead)
    return seen


def _lease_until(settings: Settings) -> float:
    item = local_client(settings.dynamodb_endpoint or "").get_item(
        TableName=settings.aggregates_table, Key={"pk": {"S": "bulk#lease"}, "sk": {"S": "lease"}}, ConsistentRead=True
    )
    return float(item["Item"]["until"]["N"]) if "Item" in item else 0.0


@pytest.mark.parametrize(
    "batch_writes",
    [0, 1, 2],  # the journal's one request, then items 25 a request: at most 25 of the 61 ledger entries are in
    ids=["killed-writing-the-journal", "killed-after-the-commit", "killed-writing-the-items"],
)
def test_a_bulk_load_killed_midway_resumes_without_counting_anything_twice(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, batch_writes: int
) -> None:
    from cx.adapters.dynamo import bulk_writer

    monkeypatch.setattr(bulk_writer, "LEASE_SECONDS", 2)
    monkeypatch.setattr(bulk_writer, "IMAGES_PER_PART", 200)  # a journal of a few parts, written in one request
    conversations = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=1, seed=11).conversations
    killed = build_pipeline(settings, clock=lambda: datetime(2026, 11, 20, 12, tzinfo=UTC))
    scored = killed.score_and_store(conversations)  # stored and scored: the load dies folding
    seen = _kill_after(killed, batch_writes)
    with pytest.raises(Killed):
        killed.fold(scored.pairs)
    assert seen["batch_writes"] == batch_writes
    assert _lease_until(settings) > 0, "a killed load leaves its lease behind"

    # the aggregator Lambda's transactional fold: refused while the journal is committed, lease or no lease
    stream_folder = build_pipeline(settings, clock=lambda: datetime(2026, 11, 20, 13, tzinfo=UTC)).aggregates
    from cx.aggregation.service import fold
    from cx.ports import ConflictError

    deadline = time.monotonic() + 60
    while _lease_until(settings) > time.time():
        assert time.monotonic() < deadline, "the killed load's lease never ran out"
        time.sleep(0.2)
    if batch_writes >= 1:  # the journal was committed before the kill
        counted = stream_folder.applied(c.id for c, _ in scored.pairs)
        uncounted = [(c, e) for c, e in scored.pairs if c.id not in counted][:5]
        assert uncounted, "the kill came before every ledger entry was written"
        with pytest.raises(ConflictError):
            fold(stream_folder, uncounted, UTC)

    restarted = build_pipeline(settings, clock=lambda: datetime(2026, 11, 20, 13, tzinfo=UTC))
    report = restarted.process(conversations)  # takes over the run-out lease, completes or drops the journal

    assert report.unchanged == len(conversations) and report.scored == 0
    assert report.fold.folded + report.fold.skipped == len(conversations)
    assert restarted.rebuild() == [], "the aggregates equal a recomputation from the stored evaluations"
    assert len(list(restarted.aggregates.scan_applied())) == len(conversations)
    by_channel = [c for (pk, _), c in restarted.aggregates.read_all().items() if pk.startswith("channel=")]
    assert sum(c.get("evaluations", 0) for c in by_channel) == len(conversations)
    left = local_client(settings.dynamodb_endpoint or "").query(
        TableName=settings.aggregates_table,
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": JOURNAL_PK}},
    )["Items"]
    assert left == [], "the journal is gone once applied"


def test_the_transactional_fold_waits_while_a_bulk_load_holds_the_store(settings: Settings) -> None:
    from cx.aggregation.service import fold
    from cx.ports import ConflictError

    conversations = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=2, seed=3).conversations[:30]
    pipeline = build_pipeline(settings, clock=lambda: datetime(2026, 11, 20, 12, tzinfo=UTC))
    pairs = pipeline.score_and_store(conversations).pairs
    stream_folder = build_pipeline(settings, clock=lambda: datetime(2026, 11, 20, 12, tzinfo=UTC)).aggregates

    with pipeline.aggregates.exclusive():
        with pytest.raises(ConflictError):
            fold(stream_folder, pairs[:10], UTC)  # the aggregator Lambda's fold: its batch is retried later
        with pytest.raises(ConflictError, match="another load holds the aggregates"), stream_folder.exclusive():
            pass
        assert stream_folder.read_all() == {}

    assert fold(stream_folder, pairs[:10], UTC).folded == 10
    assert pipeline.fold(pairs).folded == 20
    assert pipeline.rebuild() == []


# A load in a process of its own, killed (SIGKILL, nothing cleans up) after its second BatchWriteItem of the
# aggregates: the journal is committed and some items are written. Without "kill" it holds the lease until killed.
_LOAD_THEN_DIE = """
import os, signal, sys
from datetime import UTC, datetime
from cx.bootstrap import build_pipeline
from cx.config import Settings
from cx.demo.generator import generate

pipeline = build_pipeline(Settings.from_env(os.environ), clock=lambda: datetime(2026, 11, 20, 12, tzinfo=UTC))
if sys.argv[1] == "hold":
    with pipeline.aggregates.exclusive():
        print("holding", flush=True)
        sys.stdin.read()
writes = []
def die(**_):
    writes.append(1)
    if len(writes) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
pipeline.aggregates._m.aggregate._get_connection().connection.client.meta.events.register(
    "after-call.dynamodb.BatchWriteItem", die)
pipeline.process(generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=1, seed=11).conversations)
"""


def _start_load(tables: LocalTables, how: str) -> subprocess.Popen[str]:
    env = {**os.environ, **table_env(tables), "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(
        [sys.executable, "-c", _LOAD_THEN_DIE, how], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def test_a_load_killed_on_this_machine_is_taken_over_at_once_not_after_its_lease(
    tables: LocalTables, settings: Settings
) -> None:
    conversations = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=1, seed=11).conversations
    killed = _start_load(tables, "kill")
    assert killed.wait(timeout=300) == -signal.SIGKILL, "the load was killed midway, as a Ctrl-\\ or OOM kill does"
    assert _lease_until(settings) > time.time() + 200, "its lease stands for minutes yet"

    restarted = build_pipeline(settings, clock=lambda: datetime(2026, 11, 20, 13, tzinfo=UTC))
    report = restarted.process(conversations)  # no ConflictError: the lease's holder is provably gone

    assert report.fold.folded + report.fold.skipped == len(conversations) and not report.failed
    assert restarted.rebuild() == [], "the killed load's journal was completed, nothing counted twice"
    assert len(list(restarted.aggregates.scan_applied())) == len(conversations)
    assert _lease_until(settings) == 0, "the lease is given back when the load ends"


def test_a_live_load_in_another_process_still_holds_the_others_off(tables: LocalTables, settings: Settings) -> None:
    from cx.ports import ConflictError

    holder = _start_load(tables, "hold")
    try:
        assert holder.stdout is not None
        ready, _, _ = select.select([holder.stdout], [], [], 300)
        assert ready and holder.stdout.readline().strip() == "holding"
        other = build_pipeline(settings, clock=lambda: datetime(2026, 11, 20, 13, tzinfo=UTC))
        with pytest.raises(ConflictError, match=f"another load holds the aggregates .*:{holder.pid}:"):
            other.fold([])
    finally:
        holder.kill()
        holder.wait(timeout=60)
