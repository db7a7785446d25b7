"""How fast `cx migrate by-day --apply` adds the by_day keys, by the number of parallel Scan segments, on DynamoDB
Local (in memory): conversations of three namespaces written as an older release stored them (no ``scored_day``),
2 KB of transcript each, then migrated afresh for each segment count.

    .venv/bin/python bench/by_day_migration.py [--conversations 1500] [--segments 1,4] [--runs 3]

Prints the median items a second per segment count. DynamoDB Local serializes writes, so more segments gain
less here than on AWS, where segments are read and written in parallel partitions: compare within one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / p) for p in ("shared", "infra")]

from cxcli.by_day_migration import CONVERSATIONS, migrate_table  # noqa: E402
from cxlocal.dynamodb_local import DynamoDBLocal, local_client  # noqa: E402
from cxlocal.template_tables import create_tables  # noqa: E402

WORKSPACES = ("ws=T0ALPHA|", "ws=T0BETA|", "")


def _older_items(n: int) -> list[dict[str, object]]:
    start = datetime(2026, 10, 1, tzinfo=UTC)
    items = []
    for k in range(n):
        when = (start + timedelta(minutes=37 * k)).isoformat()
        evaluation = json.dumps({"id": f"e{k}", "evaluated_at": when, "cx_score": 1 + k % 5})
        items.append({
            "conversation_id": {"S": f"{WORKSPACES[k % 3]}c{k:06d}"},
            "started_at": {"S": when},
            "channel": {"S": "chat"},
            "body": {"S": "x" * 2000},
            "evaluation": {"S": evaluation},
            "status": {"S": "scored"},
        })  # fmt: skip
    return items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=1500)
    parser.add_argument("--segments", default="1,4")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    items = _older_items(args.conversations)
    with DynamoDBLocal() as db:
        client = local_client(db.endpoint)
        for segments in [int(s) for s in args.segments.split(",")]:
            rates = []
            for _ in range(args.runs):
                table = create_tables(client, f"b{uuid.uuid4().hex[:8]}")["ConversationsTable"]
                for first in range(0, len(items), 25):
                    batch = [{"PutRequest": {"Item": i}} for i in items[first : first + 25]]
                    client.batch_write_item(RequestItems={table: batch})
                started = time.monotonic()
                tally = migrate_table(client, table, CONVERSATIONS, True, None, segments=segments)
                seconds = time.monotonic() - started
                assert sum(tally.updated.values()) == len(items), tally
                rates.append(len(items) / seconds)
            print(f"segments {segments}: {statistics.median(rates):.0f} items/s (median of {args.runs})")


if __name__ == "__main__":
    main()
