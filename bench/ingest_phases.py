"""Where `cx ingest`'s time goes: each phase of a bulk load timed (wall, this process's CPU, DynamoDB Local's CPU).

    .venv/bin/python bench/ingest_phases.py [--conversations 3000] [--on-disk]

Writes a JSONL file of generated conversations (seed 13, as bench/load_bench.py), then loads it as `cx ingest`
does (`load`, then `Pipeline.process`) into fresh tables of DynamoDB Local, in memory or (``--on-disk``) on disk
with the write-ahead log `cx ingest`'s store has. Each phase is a function wrapped here: wall seconds, the CPU
seconds of the calling thread (writer threads' own CPU shows in the total only) and of DynamoDB Local's JVM
(from /proc) while it ran. Stores run one batch behind the scoring, so their wall time overlaps the scorer's.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from load_bench import NOW, _cpu_seconds, _settings

import cx.adapters.dynamo.aggregate_store as aggregate_store
import cx.adapters.dynamo.bulk_writer as bulk_writer
import cx.adapters.dynamo.record_store as record_store
import cx.aggregation.bulk as bulk
import cx.importers.files as files
import cx.pipeline as pipeline
import cx.scoring.offline as offline
from cx.bootstrap import build_pipeline
from cx.demo.generator import generate
from cxlocal.dynamodb_local import DynamoDBLocal

PHASES: list[tuple[Any, str, str]] = [
    (files, "load", "read, validate, redact the file"),
    (record_store.DynamoConversationStore, "current", "read what is stored"),
    (offline.OfflineScorer, "score", "score"),
    (record_store.DynamoEvaluationStore, "put_evaluations", "write evaluations"),
    (record_store.DynamoConversationStore, "save", "write conversations"),
    (pipeline, "contributions", "contributions"),
    (aggregate_store.DynamoAggregateStore, "applied", "read the ledger"),
    (aggregate_store.DynamoAggregateStore, "case_states", "read case states"),
    (bulk, "plan_fold", "plan the fold"),
    (aggregate_store.DynamoAggregateStore, "_images", "read held counters, build images"),
    (bulk_writer.BulkWriter, "_write", "journal parts"),
    (bulk_writer.BulkWriter, "_write_images", "write aggregates and ledger"),
]


def _wrap(owner: Any, name: str, label: str, totals: dict[str, list[float]], jvm: Callable[[], float]) -> None:
    inner = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        wall, cpu, java = time.perf_counter(), time.thread_time(), jvm()
        try:
            return inner(*args, **kwargs)
        finally:
            row = totals[label]
            row[0] += time.perf_counter() - wall
            row[1] += time.thread_time() - cpu
            row[2] += jvm() - java
            row[3] += 1

    setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=3000)
    parser.add_argument("--on-disk", action="store_true", help="DynamoDB Local on disk, as cx ingest's store")
    args = parser.parse_args()
    os.environ.update(
        {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": "us-east-1"}
    )
    days = max(1, round(30 * args.conversations / 2406))
    big = generate(end=date(2026, 11, 29), days=days, seed=13).conversations[: args.conversations]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "conversations.jsonl"
        path.write_text("".join(c.model_dump_json(exclude_none=True) + "\n" for c in big))
        with DynamoDBLocal(db_path=Path(folder) / "db" if args.on_disk else None) as db:
            totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
            for owner, name, label in PHASES:
                _wrap(owner, name, label, totals, lambda: _cpu_seconds(db.pid))
            loader = build_pipeline(_settings(db.endpoint), clock=lambda: NOW)
            java, cpu, wall = _cpu_seconds(db.pid), time.process_time(), time.perf_counter()
            accepted = files.load(path).accepted
            report = loader.process(accepted)
            wall, cpu, java = time.perf_counter() - wall, time.process_time() - cpu, _cpu_seconds(db.pid) - java
    n = len(accepted)
    assert report.fold.folded == n
    print(
        f"{n} conversations ({'on disk' if args.on_disk else 'in memory'}): {wall:.1f} s, {n / wall:.1f} conv/s; "
        f"CPU: this process {cpu:.1f} s, DynamoDB Local {java:.1f} s; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"  {'phase':<36} {'wall s':>7} {'CPU s':>7} {'JVM s':>7} {'calls':>6}")
    for label, (w, c, j, calls) in totals.items():
        print(f"  {label:<36} {w:7.1f} {c:7.1f} {j:7.1f} {int(calls):>6}")


if __name__ == "__main__":
    main()
