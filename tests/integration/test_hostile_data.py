"""Data that used to break the counts: a timestamp no time zone can count, a store that dies between the store
and the fold, a legacy record on the stream. The good records around a bad one are always counted."""

from __future__ import annotations

import json
import os
import signal
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lambda_loader import cold_start
from pynamodb.exceptions import PynamoDBException

from cx.bootstrap import build_pipeline, build_stores
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cxlocal.dynamodb_local import DynamoDBLocal, free_port, local_client
from cxlocal.event_sources import StreamReader
from cxlocal.template_tables import LocalTables, create_tables

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
LEGACY_BAD_TIME = "9999-12-31T23:59:59-14:00"  # accepted before the date window; no time zone can count its day


def _conversations(n: int, seed: int = 3) -> list[Conversation]:
    return generate(end=NOW.date(), days=3, seed=seed).conversations[:n]


def _settings(endpoint: str, names: dict[str, str]) -> Settings:
    return Settings.from_env(
        {
            "CX_CONVERSATIONS_TABLE": names["ConversationsTable"],
            "CX_EVALUATIONS_TABLE": names["EvaluationsTable"],
            "CX_AGGREGATES_TABLE": names["AggregatesTable"],
            "CX_DYNAMODB_ENDPOINT": endpoint,
            "CX_TIMEZONE": "UTC",
        }
    )


def _store_legacy_bad(endpoint: str, table: str, template_id: str, bad_id: str) -> None:
    """Copy a stored, scored conversation under a new id with a timestamp today's validation refuses,
    as a record stored by an older release sits in the table."""
    client = local_client(endpoint)
    item = client.get_item(TableName=table, Key={"conversation_id": {"S": template_id}})["Item"]
    body = Conversation.model_validate_json(item["body"]["S"]).model_dump(mode="json", exclude_none=True)
    body.update(id=bad_id, case_id=f"case-{bad_id}", started_at=LEGACY_BAD_TIME)
    item["body"] = {"S": json.dumps(body)}
    item["conversation_id"] = {"S": bad_id}
    client.put_item(TableName=table, Item=item)


class KillDynamoBeforeFold:
    """An aggregate store whose DynamoDB Local is killed (SIGKILL) once the conversations are stored, just
    before the fold takes the store (a bulk load) or writes its first transaction (the aggregator's path)."""

    def __init__(self, inner: Any, db: DynamoDBLocal) -> None:
        self.inner, self.db = inner, db

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def _kill(self) -> None:
        os.kill(self.db.pid, signal.SIGKILL)
        self.db.stop()

    def exclusive(self) -> Any:
        self._kill()
        return self.inner.exclusive()

    def apply(self, plan: Any) -> None:
        self._kill()
        self.inner.apply(plan)


def test_conversations_stored_but_not_folded_when_dynamodb_died_are_folded_by_the_next_ingest(
    tmp_path: Path, dynamodb_endpoint: str
) -> None:
    """Its own DynamoDB Local on disk (the session's one, for its dummy credentials, stays up)."""
    port = free_port()
    first = DynamoDBLocal(port=port, db_path=tmp_path).start()
    names = create_tables(local_client(first.endpoint), prefix=f"k{uuid.uuid4().hex[:8]}")
    settings = _settings(first.endpoint, names)
    conversations = _conversations(30)
    pipeline = build_pipeline(settings, clock=lambda: NOW)
    pipeline.aggregates = KillDynamoBeforeFold(pipeline.aggregates, first)
    try:
        with pytest.raises(PynamoDBException):
            pipeline.process(conversations)
    finally:
        first.stop()
    second = DynamoDBLocal(port=port, db_path=tmp_path).start()
    try:
        again = build_pipeline(settings, clock=lambda: NOW)
        stored = len(list(again.conversations.scan_conversations()))
        assert stored == len(conversations), "the load stores every conversation before it folds"
        report = again.process(conversations)
        assert report.scored == 0 and report.unchanged == len(conversations)
        assert report.fold.folded == len(conversations), "what was stored but never folded is folded now"
        assert again.rebuild() == [], "the aggregates equal a recomputation"
        assert again.process(conversations).fold.folded == 0, "and a third ingest counts nothing twice"
    finally:
        second.stop()


def test_rebuild_and_ingest_count_the_others_when_one_stored_record_cannot_be_counted(
    tables: LocalTables, settings: Settings
) -> None:
    conversations = _conversations(10)
    pipeline = build_pipeline(settings, clock=lambda: NOW)
    pipeline.process(conversations)
    _store_legacy_bad(tables.endpoint, tables.conversations, conversations[0].id, "legacy-bad")
    kept = pipeline.evaluations.latest_evaluation(conversations[0].id)
    assert kept is not None
    pipeline.evaluations.put_evaluations([kept.model_copy(update={"conversation_id": "legacy-bad"})])

    pipeline.rebuild(apply=True)
    assert pipeline.rebuild() == [], "rebuild --apply finished without crashing on the legacy record"
    counted = pipeline.aggregates.read_all().items()
    assert sum(c.get("evaluations", 0) for (pk, _), c in counted if pk.startswith("channel=")) == len(conversations)


def _stream_event(endpoint: str, table: str) -> dict[str, Any]:
    """The conversations table's stream records from DynamoDB Local, shaped as Lambda receives them."""
    return {"Records": StreamReader(endpoint, table).read_new()}


def test_the_stream_handler_counts_the_good_records_and_reports_only_the_bad_one(
    tables: LocalTables, settings: Settings, monkeypatch: Any, lambda_context: Any
) -> None:
    for key, value in {
        "CX_CONVERSATIONS_TABLE": tables.conversations,
        "CX_EVALUATIONS_TABLE": tables.evaluations,
        "CX_AGGREGATES_TABLE": tables.aggregates,
        "CX_DYNAMODB_ENDPOINT": tables.endpoint,
        "CX_TIMEZONE": "UTC",
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
    }.items():
        monkeypatch.setenv(key, value)
    conversations = _conversations(8, seed=4)
    stores = build_stores(settings)
    pipeline = build_pipeline(settings, clock=lambda: NOW)
    pipeline.score_and_store(conversations[:4])
    _store_legacy_bad(tables.endpoint, tables.conversations, conversations[0].id, "legacy-bad")
    pipeline.score_and_store(conversations[4:])
    event = _stream_event(tables.endpoint, tables.conversations)
    ids = [r["dynamodb"]["Keys"]["conversation_id"]["S"] for r in event["Records"]]
    assert ids.index("legacy-bad") == 4, "the bad record sits in the middle of the batch"
    bad_sequence = event["Records"][4]["dynamodb"]["SequenceNumber"]

    aggregate = cold_start("aggregate")
    assert aggregate.handler(event, lambda_context) == {"batchItemFailures": [{"itemIdentifier": bad_sequence}]}
    counted = stores.aggregates.read_all()
    assert sum(c.get("evaluations", 0) for (pk, _), c in counted.items() if pk.startswith("channel=")) == 8
    # the stream retries from the bad record: what follows it is skipped by the ledger, never counted twice
    retry = {"Records": event["Records"][4:]}
    assert aggregate.handler(retry, lambda_context) == {"batchItemFailures": [{"itemIdentifier": bad_sequence}]}
    assert stores.aggregates.read_all() == counted
