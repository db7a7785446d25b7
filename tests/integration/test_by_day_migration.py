"""`cx migrate by-day` on DynamoDB Local: conversations and labels stored before the by_day index (two workspaces'
and the single workspace's namespace in one table) are found by the keyed reads after it, a killed run resumes
from its checkpoint, a rerun changes nothing, and the stream's records of the update fold nothing twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from lambda_loader import cold_start
from support.table_env import table_env

from cx.adapters.dynamo.observations import DynamoObservations
from cx.bootstrap import build_label_store, build_pipeline, build_stores
from cx.calibration.labels import Label
from cx.config import Settings
from cx.demo.generator import generate
from cxlocal.dynamodb_local import local_client
from cxlocal.event_sources import StreamReader
from cxlocal.template_tables import LocalTables

NOW = datetime.now(UTC).replace(microsecond=0)
WORKSPACES = ("T0ALPHA", "T0BETA", "")  # two installed workspaces' namespaces and a single-workspace's (none)
CX = [sys.executable, "-m", "cxcli.main", "migrate", "by-day"]
PER_NAMESPACE = 20  # conversations: with pages of 2, thirty pages to kill the migration between


def _cx(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*CX, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _run(env: dict[str, str], *args: str) -> str:
    proc = _cx(env, *args)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return out


def _strip_index_keys(client: Any, table: str, attribute: str, keys: tuple[str, ...]) -> int:
    """Make the items as an older release stored them: no index key."""
    items = [i for page in client.get_paginator("scan").paginate(TableName=table) for i in page["Items"]]
    for item in items:
        client.update_item(TableName=table, Key={k: item[k] for k in keys}, UpdateExpression=f"REMOVE {attribute}")
    return len(items)


def _with_key(client: Any, table: str, attribute: str) -> int:
    pages = client.get_paginator("scan").paginate(TableName=table, FilterExpression=f"attribute_exists({attribute})")
    return sum(page["Count"] for page in pages)


def _aggregates(client: Any, table: str) -> list[dict[str, Any]]:
    items = [i for page in client.get_paginator("scan").paginate(TableName=table) for i in page["Items"]]
    return sorted(items, key=lambda i: json.dumps([i["pk"], i["sk"]]))


@pytest.fixture
def older(tables: LocalTables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Conversations and labels of three namespaces, stored and then stripped of their by_day keys."""
    env = table_env(tables)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    base = Settings.from_env(env)
    seen: dict[str, int] = {}
    for n, workspace in enumerate(WORKSPACES):
        settings = replace(base, workspace=workspace)
        made = generate(end=NOW.date() - timedelta(days=1), days=2, seed=30 + n).conversations[:PER_NAMESPACE]
        build_pipeline(settings, clock=lambda: NOW).process(made)
        build_label_store(settings).put_labels(
            Label(conversation_id=c.id, reviewer="U0REVIEW", score=3, labelled_at=NOW - timedelta(days=k % 9))
            for k, c in enumerate(made[:12])
        )
        seen[workspace] = len(made)
    client = local_client(tables.endpoint)
    stream = StreamReader(tables.endpoint, tables.conversations)
    conversations = _strip_index_keys(client, tables.conversations, "scored_day", ("conversation_id",))
    labels = _strip_index_keys(client, tables.labels, "labelled_day", ("conversation_id", "label_key"))
    stream.read_new()  # what was written so far has been folded (the pipeline folds itself)
    cli_env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    cli_env.update(env, CX_HOME=str(tmp_path / ".cx"))
    return {"client": client, "base": base, "seen": seen, "conversations": conversations, "labels": labels,
            "env": cli_env, "stream": stream, "checkpoints": tmp_path / ".cx" / "migrations"}  # fmt: skip


def _found(base: Settings, workspace: str) -> tuple[int, int]:
    """What the keyed reads find: drift observations over the last 3 weeks, labels of the last 30 days."""
    settings = replace(base, workspace=workspace)
    models = build_stores(settings).conversations.models
    observed = list(DynamoObservations(models, UTC).between(NOW.date() - timedelta(days=21), NOW.date()))
    labelled = build_label_store(settings).labels_since(NOW - timedelta(days=30), NOW)
    return len(observed), len(labelled)


def test_a_killed_migration_resumes_and_then_the_keyed_reads_find_the_older_items(
    older: dict[str, Any], tables: LocalTables, lambda_context: Any
) -> None:
    client, base, env = older["client"], older["base"], older["env"]
    assert all(_found(base, ws) == (0, 0) for ws in WORKSPACES)  # before: drift and the health line miss them
    before = _aggregates(client, tables.aggregates)

    dry = _run(env)
    assert f"conversations ({tables.conversations}): {older['conversations']} item(s) need scored_day" in dry
    n = PER_NAMESPACE
    assert f"((single workspace) {n}, T0ALPHA {n}, T0BETA {n})" in dry
    assert f"{older['labels']} item(s) need labelled_day" in dry
    assert _with_key(client, tables.conversations, "scored_day") == 0  # a dry run writes nothing

    # killed once some pages are done: the checkpoint holds where each segment got to
    checkpoint = older["checkpoints"] / f"by-day-{tables.conversations}.json"
    proc = _cx(env, "--apply", "--segments", "2", "--page-size", "2")
    deadline = time.monotonic() + 300
    while True:  # looked at only while the migration is stopped, so it cannot finish between a look and the kill
        os.kill(proc.pid, signal.SIGSTOP)
        if checkpoint.exists() and json.loads(checkpoint.read_text() or "{}").get("next"):
            break
        assert proc.poll() is None and time.monotonic() < deadline, "no checkpoint while the migration ran"
        os.kill(proc.pid, signal.SIGCONT)
        time.sleep(0.02)  # a short step of the migration between looks; a slow machine only takes more steps
    proc.kill()
    proc.wait(timeout=60)
    partial = _with_key(client, tables.conversations, "scored_day")
    assert 0 < partial < older["conversations"], partial

    resumed = _run(env, "--apply", "--segments", "2", "--page-size", "2")
    assert "resumed" in resumed, resumed
    assert _with_key(client, tables.conversations, "scored_day") == older["conversations"]
    assert _with_key(client, tables.labels, "labelled_day") == older["labels"]
    for workspace in WORKSPACES:  # each finds its own, and only its own
        assert _found(base, workspace) == (older["seen"][workspace], 12)

    # a rerun: done; from scratch it finds nothing left to add
    assert "already done" in _run(env, "--apply")
    again = _run(env, "--apply", "--restart")
    assert "added scored_day to 0 item(s)" in again and "added labelled_day to 0 item(s)" in again

    # every update passed through the stream: the aggregator counts none of them again
    records = older["stream"].read_new()
    assert len(records) >= older["conversations"]
    assert cold_start("aggregate").handler({"Records": records}, lambda_context) == {"batchItemFailures": []}
    assert _aggregates(client, tables.aggregates) == before


def test_the_migration_never_overwrites_a_newer_write(older: dict[str, Any], tables: LocalTables) -> None:
    """An item written again after the scan read it (a re-score: new evaluation, new day) keeps the new key."""
    from cxcli.by_day_migration import CONVERSATIONS, migrate_table

    client = older["client"]
    [item] = client.scan(TableName=tables.conversations, Limit=1)["Items"]
    real_scan = client.scan

    def scan_then_rescore(**kwargs: Any) -> Any:
        page = real_scan(**kwargs)
        if any(i["conversation_id"] == item["conversation_id"] for i in page.get("Items", [])):
            client.update_item(
                TableName=tables.conversations,
                Key={"conversation_id": item["conversation_id"]},
                UpdateExpression="SET scored_day = :d, evaluation = :e",
                ExpressionAttributeValues={":d": {"S": "newer"}, ":e": {"S": '{"rescored": true}'}},
            )
        return page

    client.scan = scan_then_rescore
    tally = migrate_table(client, tables.conversations, CONVERSATIONS, apply=True, checkpoint=None, segments=1)
    assert tally.changed == 1 and sum(tally.updated.values()) == older["conversations"] - 1
    kept = client.get_item(TableName=tables.conversations, Key={"conversation_id": item["conversation_id"]})
    assert kept["Item"]["scored_day"] == {"S": "newer"}
