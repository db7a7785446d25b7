"""Benchmark: conversations per second through ingest -> score (offline scorer) -> aggregate, on DynamoDB Local
in memory with moto's SQS, each stage run by its real Lambda handler; and DynamoDB write requests per
conversation when the aggregator merges a stream batch into one plan against one update per conversation.

    .venv/bin/python bench/pipeline.py [--conversations 400] [--runs 3]

Prints medians over the runs. Write requests are counted at PynamoDB's client (every PutItem, UpdateItem,
BatchWriteItem and TransactWriteItems call), and items written beside them.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import logging
import os
import statistics
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from botocore.client import BaseClient
from moto.server import ThreadedMotoServer

from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cxlocal.dynamodb_local import DynamoDBLocal, local_client
from cxlocal.event_sources import StreamReader, sqs_event
from cxlocal.template_tables import create_tables, load_template

REPO = Path(__file__).resolve().parents[1]
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
STREAM_BATCH = int(
    load_template()["Resources"]["AggregateFunction"]["Properties"]["Events"]["ConversationsStream"]["Properties"][
        "BatchSize"
    ]
)


class WriteCounter:
    """Counts DynamoDB write requests (API calls) and the items they write, per table, while active; and all
    read requests. Counted at botocore's client, below PynamoDB and the bulk path's raw batch requests alike."""

    def __init__(self) -> None:
        self.requests: Counter[str] = Counter()
        self.items: Counter[str] = Counter()
        self.reads = 0
        self._original = BaseClient._make_api_call  # type: ignore[attr-defined]

    @contextmanager
    def counting(self) -> Iterator[WriteCounter]:
        counter, original = self, self._original

        def counted(client: BaseClient, operation: str, kwargs: dict[str, Any]) -> Any:
            if operation in WRITES:
                counter._count(operation, kwargs)
            elif client.meta.service_model.service_name == "dynamodb":
                counter.reads += 1
            return original(client, operation, kwargs)

        BaseClient._make_api_call = counted  # type: ignore[attr-defined]
        try:
            yield self
        finally:
            BaseClient._make_api_call = original  # type: ignore[attr-defined]

    def _count(self, operation: str, kwargs: dict[str, Any]) -> None:
        if operation == "BatchWriteItem":
            for table, items in kwargs["RequestItems"].items():
                self.requests[table] += 1
                self.items[table] += len(items)
        elif operation == "TransactWriteItems":
            tables = [next(iter(i.values()))["TableName"] for i in kwargs["TransactItems"]]
            self.requests[tables[0]] += 1
            for table in tables:
                self.items[table] += 1
        else:
            self.requests[kwargs["TableName"]] += 1
            self.items[kwargs["TableName"]] += 1


def cold_start(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"bench_{name}_{uuid.uuid4().hex[:6]}", REPO / "functions" / name / "app.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Context:
    function_name = "bench"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:bench"
    aws_request_id = "bench"

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


def api_event(body: str) -> dict[str, Any]:
    return {
        "version": "2.0",
        "routeKey": "POST /ingest",
        "rawPath": "/ingest",
        "rawQueryString": "",
        "headers": {"content-type": "application/json"},
        "requestContext": {"http": {"method": "POST", "path": "/ingest", "sourceIp": "127.0.0.1"}, "stage": "$default"},
        "body": body,
        "isBase64Encoded": False,
    }


def fresh_tables(endpoint: str) -> dict[str, str]:
    names = create_tables(local_client(endpoint), prefix=f"b{uuid.uuid4().hex[:10]}")
    env = {
        "CX_CONVERSATIONS_TABLE": names["ConversationsTable"],
        "CX_EVALUATIONS_TABLE": names["EvaluationsTable"],
        "CX_AGGREGATES_TABLE": names["AggregatesTable"],
    }
    os.environ.update(env)
    return names


def run_once(endpoint: str, sqs: Any, conversations: list[Conversation]) -> dict[str, float]:
    """The whole path once; returns seconds per stage and write counts."""
    names = fresh_tables(endpoint)
    queue = sqs.create_queue(QueueName=f"score-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    rejects = sqs.create_queue(QueueName=f"rejects-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    os.environ.update({"CX_SCORE_QUEUE_URL": queue, "CX_REJECTS_QUEUE_URL": rejects})
    ingest, score, aggregate = cold_start("ingest"), cold_start("score"), cold_start("aggregate")
    stream, ctx, counter = StreamReader(endpoint, names["ConversationsTable"]), Context(), WriteCounter()
    started = time.perf_counter()
    with counter.counting():
        for start in range(0, len(conversations), 100):
            chunk = [json.loads(c.model_dump_json(exclude_none=True)) for c in conversations[start : start + 100]]
            assert ingest.handler(api_event(json.dumps(chunk)), ctx)["statusCode"] == 202
        ingested = time.perf_counter()
        while messages := sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", []):
            failed = score.handler(sqs_event(messages, "arn:aws:sqs:us-east-1:123456789012:score"), ctx)
            assert not failed["batchItemFailures"], failed
            sqs.delete_message_batch(
                QueueUrl=queue,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)],
            )
        scored = time.perf_counter()
        records = stream.read_new()
        for start in range(0, len(records), STREAM_BATCH):
            assert aggregate.handler({"Records": records[start : start + STREAM_BATCH]}, ctx) == {
                "batchItemFailures": []
            }
        done = time.perf_counter()
    aggregates = names["AggregatesTable"]
    merged = (counter.requests[aggregates], counter.items[aggregates])

    # the same stream records again, into fresh tables, one conversation per fold
    names = fresh_tables(endpoint)
    single, one_by_one = cold_start("aggregate"), WriteCounter()
    with one_by_one.counting():
        for record in records:
            assert single.handler({"Records": [record]}, ctx) == {"batchItemFailures": []}
    aggregates = names["AggregatesTable"]
    return {
        "ingest_s": ingested - started,
        "score_s": scored - ingested,
        "aggregate_s": done - scored,
        "total_s": done - started,
        "merged_requests": merged[0],
        "merged_items": merged[1],
        "single_requests": one_by_one.requests[aggregates],
        "single_items": one_by_one.items[aggregates],
        "all_requests": sum(counter.requests.values()),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_REGION": "us-east-1",
            "POWERTOOLS_METRICS_NAMESPACE": "CxBench",
            "POWERTOOLS_LOG_LEVEL": "ERROR",
        }
    )
    os.environ.pop("AWS_PROFILE", None)
    conversations = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=30, seed=3).conversations
    conversations = conversations[: args.conversations]
    n = len(conversations)
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    os.environ["AWS_ENDPOINT_URL_SQS"] = f"http://{host}:{port}"
    import boto3

    sqs = boto3.client("sqs")
    db = DynamoDBLocal().start()
    os.environ["CX_DYNAMODB_ENDPOINT"] = db.endpoint
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the handlers' EMF metric lines
            runs = [run_once(db.endpoint, sqs, conversations) for _ in range(args.runs)]
    finally:
        db.stop()
        moto.stop()

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    print(f"{n} conversations, {args.runs} runs, DynamoDB Local in memory, moto SQS; medians")
    print(f"  end to end      {n / med('total_s'):7.1f} conversations/s  ({med('total_s'):.1f} s)")
    for stage in ("ingest", "score", "aggregate"):
        print(f"  {stage:<15} {n / med(stage + '_s'):7.1f} conversations/s  ({med(stage + '_s'):.1f} s)")
    print(f"  DynamoDB write requests, all tables: {med('all_requests') / n:.2f} per conversation")
    print(f"aggregates table, stream batches of {STREAM_BATCH} merged vs one fold per conversation:")
    mr, mi, sr, si = (med(k) / n for k in ("merged_requests", "merged_items", "single_requests", "single_items"))
    print(f"  merged          {mr:6.3f} write requests, {mi:5.2f} items written per conversation")
    print(f"  one by one      {sr:6.3f} write requests, {si:5.2f} items written per conversation")
    print(f"  ratio           {sr / mr:6.1f}x fewer requests, {si / mi:.1f}x fewer items with merging")


if __name__ == "__main__":
    sys.exit(main())
