"""Time the weekly digest: build it from nine weeks of demo data's aggregates, and draw its chart.

    .venv/bin/python bench/digest_bench.py

Loads a fifth of the demo's cases (64 days) into an in-memory DynamoDB Local, then builds the digest
7 times and draws the chart 5 times; prints the medians.
"""

from __future__ import annotations

import hashlib
import os
import statistics
import time
from datetime import UTC, datetime

from cx.bootstrap import build_digest_wiring, build_pipeline
from cx.config import Settings
from cx.demo.generator import generate
from cx.ranges import parse_range
from cxbot.charts.small_multiples import render_png
from cxbot.render.digest import digest_chart
from cxlocal.dynamodb_local import DynamoDBLocal, local_client
from cxlocal.template_tables import create_tables

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
LOGICAL = {
    "ConversationsTable": "CX_CONVERSATIONS_TABLE",
    "EvaluationsTable": "CX_EVALUATIONS_TABLE",
    "AggregatesTable": "CX_AGGREGATES_TABLE",
    "LabelsTable": "CX_LABELS_TABLE",
    "ConfigTable": "CX_CONFIG_TABLE",
}


def main() -> None:
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(key, "local")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with DynamoDBLocal() as db:
        names = create_tables(local_client(db.endpoint), prefix="bench")
        settings = Settings.from_env({**{v: names[k] for k, v in LOGICAL.items()}, "CX_DYNAMODB_ENDPOINT": db.endpoint})
        demo = generate(end=NOW.date(), days=64, seed=7).conversations
        kept = [c for c in demo if int(hashlib.sha256(c.case_ref.encode()).hexdigest(), 16) % 5 == 0]
        build_pipeline(settings, clock=lambda: NOW).process(kept)
        wiring, period = build_digest_wiring(settings), parse_range("last-week", NOW, UTC)
        builds, charts = [], []
        for _ in range(7):
            started = time.perf_counter()
            digest = wiring.make(period, None, NOW)
            builds.append(time.perf_counter() - started)
        for _ in range(5):
            started = time.perf_counter()
            png = render_png(digest_chart(digest))
            charts.append(time.perf_counter() - started)
    print(
        f"{len(kept)} conversations; digest built in {statistics.median(builds):.2f} s median (first {builds[0]:.2f} s)"
    )
    print(f"chart drawn in {statistics.median(charts):.2f} s median, {len(png) // 1024} KB")


if __name__ == "__main__":
    main()
