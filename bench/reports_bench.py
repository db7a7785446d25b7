"""Time `/cx journeys last-30d` and `/cx journey billing last-30d` end to end through the Bolt app,
on 10k and 1M conversations' aggregates in DynamoDB Local (in memory). Prints medians, p99s, ratios.

    .venv/bin/python bench/reports_bench.py [--sizes 10000 1000000] [--runs 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid
from datetime import UTC, datetime

from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from synthetic_aggregates import JOURNEYS, case_rows, day_items, write

from cx.access import Roles
from cx.bootstrap import build_stores
from cx.config import Settings
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.dynamodb_local import DynamoDBLocal, local_client
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body
from cxlocal.template_tables import create_tables

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SPAN_DAYS = 90  # days of data; the reports read the last 30 and the 30 before
COMMANDS = ("journeys last-30d", "journey billing last-30d")
BASELINE = "help"  # no storage read: what Bolt, the lazy listener and the response_url post cost alone
SECRET = "bench-signing-secret"


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def load(endpoint: str, conversations: int) -> Settings:
    client = local_client(endpoint)
    names = create_tables(client, prefix=f"b{uuid.uuid4().hex[:8]}")
    settings = Settings.from_env(
        {
            "CX_CONVERSATIONS_TABLE": names["ConversationsTable"],
            "CX_EVALUATIONS_TABLE": names["EvaluationsTable"],
            "CX_AGGREGATES_TABLE": names["AggregatesTable"],
            "CX_DYNAMODB_ENDPOINT": endpoint,
        }
    )
    started = time.monotonic()
    table = settings.aggregates_table
    days = write(client, table, day_items(conversations, NOW.date(), SPAN_DAYS, seed=conversations))
    cases = write(client, table, case_rows(conversations, "billing", NOW.date(), 30, SPAN_DAYS, seed=conversations))
    stores = build_stores(settings)
    stores.aggregates.note_journeys(set(JOURNEYS))
    stores.roles.put_roles(Roles(managers=["U0MANAGER"]))
    print(
        f"  {conversations:>9,} conversations: {days:,} day items + {cases:,} billing case rows "
        f"written in {time.monotonic() - started:.0f}s"
    )
    return settings


def time_command(settings: Settings, text: str, runs: int) -> list[float]:
    with FakeSlack() as slack:
        services = build_services(settings, clock=lambda: NOW)
        app = build_app(services, SECRET, WebClient(token="xoxb-bench", base_url=slack.api_url))
        samples = []
        for i in range(runs + 3):
            body = slash_command_body(text, slack.response_url(f"r{i}"))
            headers = dict(signed_headers(body, SECRET))
            started = time.perf_counter()
            assert app.dispatch(BoltRequest(body=body, headers=headers)).status == 200
            reply = slack.wait_for("response_url", i + 1, timeout=30)[-1].body
            elapsed = time.perf_counter() - started
            assert "blocks" in reply and ":warning:" not in str(reply["blocks"][0]), reply
            if i >= 3:  # the first requests warm connections and caches
                samples.append(elapsed * 1000)
        return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):  # DynamoDB Local only: never real credentials
        os.environ[key] = "local"
    os.environ.pop("AWS_PROFILE", None)
    results: dict[tuple[int, str], list[float]] = {}
    with DynamoDBLocal() as db:
        for size in args.sizes:
            settings = load(db.endpoint, size)
            for text in (BASELINE, *COMMANDS):
                results[(size, text)] = time_command(settings, text, args.runs)
    print(f"\n{'command':<28}{'conversations':>14}{'median ms':>11}{'p99 ms':>9}")
    for (size, text), samples in results.items():
        print(f"/cx {text:<24}{size:>14,}{statistics.median(samples):>11.1f}{p99(samples):>9.1f}")
    if len(args.sizes) > 1:
        small, large = min(args.sizes), max(args.sizes)
        for text in COMMANDS:
            a, b = results[(small, text)], results[(large, text)]
            print(
                f"/cx {text}: median ratio {large:,}/{small:,} = {statistics.median(b) / statistics.median(a):.2f}, "
                f"p99 ratio {p99(b) / p99(a):.2f}"
            )


if __name__ == "__main__":
    main()
