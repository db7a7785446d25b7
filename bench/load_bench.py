"""Benchmark: loading conversations in bulk (one fold plan per load, each item written once) against the
per-conversation path it replaced (score, store and fold in transactions of 25 conversations), in one run.

    .venv/bin/python bench/load_bench.py [--days 90] [--ingest 10000] [--sample 1000] [--on-disk] [--skip-old]
                                         [--skip-demo] [--jvm "OPTIONS" ...]

Two loads, each path into fresh tables of an in-memory DynamoDB Local of its own, with the offline scorer:
- the demo (`cx demo`'s 90 days, seed 7), through `Pipeline.process` as `cx demo` runs it;
- a JSONL file of ``--ingest`` conversations, read and validated as `cx ingest` does.
``--sample N`` measures the per-conversation path on the file's first N conversations only (a file of its
own, read inside the timing too), when the whole file would take it too long.
``--on-disk`` loads the file as `cx ingest` does by default, into DynamoDB Local on disk (.cx/dynamodb), each
path into a DynamoDB Local of its own: the per-conversation path on SQLite's default journal, as it ran
before, the bulk path with the write-ahead log it has now (and, with ``--on-disk-both``, the bulk path on the
old journal too, to tell the two changes apart); the demo is skipped.
The per-conversation path runs as it did before: DynamoDB Local's JVM with the quick JIT tier and the tables'
streams; the bulk path as `cx` runs it now (its JVM options, tables without streams), or under each ``--jvm``.
Prints conversations per second, aggregate item writes, and write requests (and all requests, reads
included) per conversation, counted at botocore's client, for both paths, and the ratios; and the CPU
seconds of this process and of DynamoDB Local's JVM (from /proc), and the load average at the end of each
path. The machine's speed cancels out in the ratios.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pipeline import WriteCounter

from cx.aggregation.service import fold
from cx.bootstrap import build_pipeline
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cx.importers.files import load
from cx.pipeline import Pipeline
from cxlocal.dynamodb_local import FAST_START_JVM_OPTIONS, DynamoDBLocal, local_client
from cxlocal.template_tables import create_tables

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
# DynamoDB Local's JVM as the per-conversation path ran it (quick JIT tier, serial GC)
BASELINE_JVM = FAST_START_JVM_OPTIONS
OLD_BATCH = 25  # the per-conversation path: score, store and fold 25 at a time, each fold in transactions


class ItemCounter(WriteCounter):
    """As bench/pipeline.py's, but a transaction's ConditionCheck (the bulk-load lease) writes nothing."""

    def _count(self, operation: str, kwargs: dict[str, Any]) -> None:
        if operation == "TransactWriteItems":
            kwargs = {**kwargs, "TransactItems": [i for i in kwargs["TransactItems"] if "ConditionCheck" not in i]}
        super()._count(operation, kwargs)


def _settings(endpoint: str, streams: bool = False) -> Settings:
    """Fresh tables: without streams, as `cx` makes them now, or (``streams``) with the template's, as before."""
    names = create_tables(local_client(endpoint), prefix=f"b{uuid.uuid4().hex[:8]}", streams=streams)
    return Settings.from_env(
        {
            "CX_CONVERSATIONS_TABLE": names["ConversationsTable"],
            "CX_EVALUATIONS_TABLE": names["EvaluationsTable"],
            "CX_AGGREGATES_TABLE": names["AggregatesTable"],
            "CX_DYNAMODB_ENDPOINT": endpoint,
            "CX_TIMEZONE": "UTC",
        }
    )


def per_conversation(pipeline: Pipeline, conversations: Sequence[Conversation]) -> int:
    """The path bulk loads replaced: what `Pipeline.process` did before."""
    folded = 0
    for start in range(0, len(conversations), OLD_BATCH):
        part = pipeline.score_and_store(conversations[start : start + OLD_BATCH])
        folded += fold(pipeline.aggregates, part.pairs, pipeline.tz).folded
    return folded


def bulk(pipeline: Pipeline, conversations: Sequence[Conversation]) -> int:
    return pipeline.process(conversations).fold.folded


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    db: DynamoDBLocal, name: str, path: Callable[[Pipeline, Sequence[Conversation]], int], read: Callable[[], Any]
) -> dict[str, float]:
    settings = _settings(db.endpoint, streams=path is per_conversation)
    pipeline = build_pipeline(settings, clock=lambda: NOW)
    counter = ItemCounter()
    jvm, cpu, started = _cpu_seconds(db.pid), time.process_time(), time.perf_counter()
    with counter.counting():
        conversations = read()
        folded = path(pipeline, conversations)
    seconds = time.perf_counter() - started
    cpu, jvm = time.process_time() - cpu, _cpu_seconds(db.pid) - jvm
    n = len(conversations)
    assert folded == n, f"{name}: folded {folded} of {n}"
    assert pipeline.rebuild() == [], f"{name}: the aggregates differ from a recomputation"
    aggregates = settings.aggregates_table
    row = {
        "conversations": n,
        "seconds": seconds,
        "per_second": n / seconds,
        "aggregate_items": counter.items[aggregates] / n,
        "aggregate_requests": counter.requests[aggregates] / n,
        "all_items": sum(counter.items.values()) / n,
        "all_requests": sum(counter.requests.values()) / n,
        "with_reads": (sum(counter.requests.values()) + counter.reads) / n,
        "cpu": cpu,
        "jvm": jvm,
    }
    print(
        f"  {name:<26} {n:>6} conv {seconds:7.1f}s {row['per_second']:7.1f} conv/s  "
        f"aggregates: {row['aggregate_items']:5.2f} items {row['aggregate_requests']:5.3f} requests/conv  "
        f"all tables: {row['all_items']:5.2f} items {row['all_requests']:5.3f} requests/conv "
        f"({row['with_reads']:5.3f} with reads)\n"
        f"  {'':<26} CPU: this process {cpu:6.1f}s, DynamoDB Local {jvm:6.1f}s "
        f"({1000 * (cpu + jvm) / n:5.1f} ms a conversation); load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    return row


def compare(title: str, old: dict[str, float] | None, new: dict[str, float]) -> None:
    if old is None:
        return
    print(
        f"  {title}: {new['per_second'] / old['per_second']:.1f}x the conversations a second, "
        f"{old['aggregate_items'] / new['aggregate_items']:.1f}x fewer aggregate item writes, "
        f"{old['all_requests'] / new['all_requests']:.1f}x fewer write requests, "
        f"{old['with_reads'] / new['with_reads']:.1f}x fewer requests with reads"
    )


def _write(path: Path, conversations: Sequence[Conversation]) -> Path:
    path.write_text("".join(c.model_dump_json(exclude_none=True) + "\n" for c in conversations))
    return path


def _reader(path: Path) -> Callable[[], Any]:
    return lambda: load(path).accepted  # read and validated inside the timing, as `cx ingest` does


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=90, help="days of demo data (cx demo: 90)")
    parser.add_argument("--ingest", type=int, default=10_000, help="conversations in the ingested file (0: skip)")
    parser.add_argument("--sample", type=int, default=0, help="the per-conversation path on this many of them")
    parser.add_argument("--on-disk", action="store_true", help="the file into DynamoDB Local on disk, as cx ingest")
    parser.add_argument("--on-disk-both", action="store_true", help="with --on-disk: bulk on the old journal too")
    parser.add_argument("--skip-old", action="store_true", help="measure the bulk path only")
    parser.add_argument("--skip-demo", action="store_true", help="measure the ingested file only")
    parser.add_argument(
        "--jvm",
        action="append",
        metavar="OPTIONS",
        help="DynamoDB Local's JVM options for the bulk path, space-separated ('' for Java's defaults); "
        "repeat to measure the bulk path once under each, in one run (default: the embedded store's)",
    )
    args = parser.parse_args()
    os.environ.update(
        {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": "us-east-1"}
    )
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    jvms = [tuple(o.split()) for o in args.jvm] if args.jvm else [DynamoDBLocal().jvm_options]
    before = "per conversation (before)"
    with tempfile.TemporaryDirectory() as folder:
        demo = generate(end=NOW.date(), days=args.days, seed=7).conversations
        if not (args.on_disk or args.skip_demo):
            with DynamoDBLocal(jvm_options=BASELINE_JVM) as db:
                print(f"DynamoDB Local in memory at {db.endpoint}")
                print(f"demo load ({args.days} days, seed 7):")
                was = None if args.skip_old else measure(db, before, per_conversation, lambda: demo)
            for options in jvms:
                with DynamoDBLocal(jvm_options=options) as db:
                    name = f"bulk {_label(options)}" if args.jvm else "bulk (cx demo now)"
                    compare("demo load", was, measure(db, name, bulk, lambda: demo))
        if not args.ingest:
            return
        days = max(1, round(args.days * args.ingest / len(demo)))
        big = generate(end=date(2026, 11, 29), days=days, seed=13).conversations[: args.ingest]
        path = _write(Path(folder) / "conversations.jsonl", big)
        sample = _write(Path(folder) / "sample.jsonl", big[: args.sample]) if args.sample else path
        where = "DynamoDB Local on disk" if args.on_disk else "in-memory DynamoDB Local"
        print(f"cx ingest of a {len(big)}-conversation JSONL file ({days} days), {where}:")
        if args.sample:
            print(f"  (the per-conversation path on its first {args.sample} conversations)")
        old = None
        if not args.skip_old:
            with _store(args.on_disk, Path(folder) / "old", write_ahead_log=False) as db:
                old = measure(db, before, per_conversation, _reader(sample))
        if args.on_disk and args.on_disk_both:
            with _store(True, Path(folder) / "journal", write_ahead_log=False) as db:
                measure(db, "bulk, old journal", bulk, _reader(path))
        for n, options in enumerate(jvms):
            with _store(args.on_disk, Path(folder) / f"new{n}", jvm_options=options) as db:
                name = f"bulk {_label(options)}" if args.jvm else "bulk (cx ingest now)"
                compare("cx ingest", old, measure(db, name, bulk, _reader(path)))


def _label(options: Sequence[str]) -> str:
    return f"[{' '.join(options) or 'Java defaults'}]"


def _store(
    on_disk: bool, folder: Path, write_ahead_log: bool = True, jvm_options: Sequence[str] = BASELINE_JVM
) -> DynamoDBLocal:
    """A DynamoDB Local of its own for one path: on disk in ``folder``, or in memory."""
    return DynamoDBLocal(db_path=folder if on_disk else None, write_ahead_log=write_ahead_log, jvm_options=jvm_options)


if __name__ == "__main__":
    main()
