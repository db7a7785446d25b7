"""The weekly drift check, the digest's health line and the recent agreement read by day, never by a Scan: on a
seeded store they find exactly what a scan of the table found before."""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from botocore.client import BaseClient
from support.table_env import table_env

from cx.adapters.dynamo.observations import DynamoObservations
from cx.aggregation.contribution import scorer_label
from cx.bootstrap import build_digest_wiring, build_drift_check, build_label_store, build_pipeline, build_stores
from cx.calibration.drift import Observation
from cx.calibration.labels import Label
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.evaluation import Evaluation
from cx.ranges import parse_range
from cxlocal.dynamodb_local import local_client
from cxlocal.template_tables import LocalTables, create_tables, load_template

NOW = datetime(2026, 11, 25, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def seeded(dynamodb_endpoint: str) -> Iterator[Settings]:
    """Six weeks of conversations (a fifth of the demo's cases: every day, a fifth of the load), scored and stored;
    labels on a sixth of them over the last 60 days (read only: the module's tests share it)."""
    client = local_client(dynamodb_endpoint)
    names = create_tables(client, prefix=f"r{uuid.uuid4().hex[:10]}")
    settings = Settings.from_env(table_env(LocalTables(endpoint=dynamodb_endpoint, names=names)))
    demo = generate(end=NOW.date(), days=42, seed=23).conversations
    conversations = [c for c in demo if int(hashlib.sha256(c.case_ref.encode()).hexdigest(), 16) % 5 == 0]
    build_pipeline(settings, clock=lambda: NOW).process(conversations)
    labels = [
        Label(
            conversation_id=c.id,
            reviewer=f"U0REVIEW{n % 3}",
            score=1 + n % 5,
            labelled_at=NOW - timedelta(days=n % 60, hours=n % 7) if n % 11 else None,
        )
        for n, c in enumerate(conversations[::6])
    ]
    build_label_store(settings).put_labels(labels)
    yield settings
    for name in names.values():
        client.delete_table(TableName=name)


def _scanned_observations(settings: Settings) -> list[Observation]:
    """What the drift check read before: every conversation item, by a Scan."""
    pages = local_client(settings.dynamodb_endpoint or "").get_paginator("scan")
    items = [item for page in pages.paginate(TableName=settings.conversations_table) for item in page["Items"]]
    out = []
    for item in items:
        if "evaluation" not in item or "S" not in item["evaluation"]:
            continue
        evaluation = Evaluation.model_validate_json(item["evaluation"]["S"])
        started = item.get("started_at", {}).get("S")
        when = datetime.fromisoformat(started) if started else evaluation.evaluated_at
        journey = item.get("journey", {}).get("S")
        out.append(
            Observation(
                when.date(), item["channel"]["S"], journey, evaluation.cx_score, scorer_label(evaluation.scorer)
            )
        )
    return out


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Every DynamoDB request any botocore client makes from here on, by operation."""
    calls: Counter[str] = Counter()
    original = BaseClient._make_api_call  # type: ignore[attr-defined]

    def counting(self: BaseClient, operation_name: str, api_params: dict[str, Any]) -> Any:
        calls[operation_name] += 1
        return original(self, operation_name, api_params)

    monkeypatch.setattr(BaseClient, "_make_api_call", counting)
    yield calls


def test_drift_observations_read_by_day_are_those_a_scan_found(seeded: Settings, scans: Counter[str]) -> None:
    expected = _scanned_observations(seeded)  # (its own client: before the counting starts to matter)
    scans.clear()
    start, end = NOW.date() - timedelta(days=34), NOW.date() - timedelta(days=3)
    source = DynamoObservations(build_stores(seeded).conversations.models, UTC)

    found = list(source.between(start, end))

    assert Counter(found) == Counter(o for o in expected if start <= o.day <= end)
    assert len(found) > 200, "the seeded weeks hold conversations"
    assert scans["Scan"] == 0 and scans["Query"] > 0


def test_recent_labels_read_by_day_are_those_a_scan_found(seeded: Settings, scans: Counter[str]) -> None:
    store = build_label_store(seeded)
    cutoff = NOW - timedelta(days=28)
    expected = [x for x in store.scan_labels() if x.labelled_at and x.labelled_at >= cutoff]
    scans.clear()

    found = store.labels_since(cutoff, NOW)

    assert sorted(found, key=lambda x: x.key + x.conversation_id) == sorted(
        expected, key=lambda x: x.key + x.conversation_id
    )
    assert 10 < len(found) < len(list(store.scan_labels())), "some labels are older than the cutoff, some have no time"
    assert scans["Scan"] == 1, "only the reference read above scans"


def test_the_drift_check_and_the_digest_health_line_issue_no_scan(seeded: Settings, scans: Counter[str]) -> None:
    check, digest = build_drift_check(seeded), build_digest_wiring(seeded)
    scans.clear()

    report = check(NOW)
    made = digest.make(parse_range("last-week", NOW, UTC), None, NOW)

    assert scans["Scan"] == 0
    assert report.tested > 0 and report.recent is not None and report.recent.overall.n > 0
    assert made.health is not None and made.health.agreement is not None


def test_local_tables_made_before_the_day_indexes_get_them(dynamodb_endpoint: str, tmp_path: Path) -> None:
    template = load_template()
    for logical_id, key in (("ConversationsTable", "scored_day"), ("LabelsTable", "labelled_day")):
        props = template["Resources"][logical_id]["Properties"]  # as the release before this one declared it
        props["AttributeDefinitions"] = [a for a in props["AttributeDefinitions"] if a["AttributeName"] != key]
        props["GlobalSecondaryIndexes"] = [i for i in props["GlobalSecondaryIndexes"] if i["IndexName"] != "by_day"]
        if not props["GlobalSecondaryIndexes"]:
            del props["GlobalSecondaryIndexes"]
    older = tmp_path / "template.yaml"
    older.write_text(yaml.safe_dump(template))
    client, prefix = local_client(dynamodb_endpoint), f"o{uuid.uuid4().hex[:10]}"
    names = create_tables(client, prefix, older)
    assert "GlobalSecondaryIndexes" not in client.describe_table(TableName=names["LabelsTable"])["Table"]

    create_tables(client, prefix)  # the next `cx` start, on this release's template

    for logical_id in ("ConversationsTable", "LabelsTable"):
        indexes = client.describe_table(TableName=names[logical_id])["Table"]["GlobalSecondaryIndexes"]
        assert "by_day" in {i["IndexName"] for i in indexes}
    for name in names.values():
        client.delete_table(TableName=name)
