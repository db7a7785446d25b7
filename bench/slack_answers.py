"""Every `/cx` subcommand's answer time, warm, through the real Bolt app with signed requests: at demo size and on
the 1M-conversation aggregates. The answer time runs from the request to the moment the text answer reaches the
fake Slack's response_url (what the asker waits for); for `why` and `digest` the time until their chart is
uploaded is printed too. Medians and p99s over repeated requests; the goal is under 2 s warm at demo size.

    .venv/bin/python bench/slack_answers.py [--days 90] [--runs 20] [--large 1000000]

Demo size: the demo generator's conversations over ``--days`` days (90 is the demo, about 7,400), scored and
folded into DynamoDB Local (in memory) by the product's bulk path. Large: ``synthetic_aggregates``' day items of
``--large`` conversations (journeys, channels, teams, agents, and the billing case index; no cube and no slice
catalogue, so `/cx why` there measures its reads of the journey's days and slices); `--large 0` skips it.
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
from cx.bootstrap import build_pipeline, build_stores
from cx.config import Settings
from cx.demo.generator import generate
from cx.demo.roster import AGENTS
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.dynamodb_local import DynamoDBLocal, local_client
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body
from cxlocal.template_tables import create_tables

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
SECRET = "bench-signing-secret"
MANAGER, AGENT = "U0MANAGER", "U0AGENT01"
WARMUP = 2
# (who asks, what they type): every subcommand of the command table, as its users ask it
COMMANDS = (
    (MANAGER, "help"),
    (MANAGER, "journeys last-week"),
    (MANAGER, "journey billing last-week"),
    (MANAGER, "case {case}"),
    (MANAGER, "export journey billing last-week"),
    (MANAGER, "why billing last-week"),
    (MANAGER, "why all last-week"),
    (MANAGER, "calibration"),
    (MANAGER, "admin show"),
    (AGENT, "me"),
    (MANAGER, "agent @priya"),
    (AGENT, "plans"),
    (MANAGER, "digest last-week"),
)
LARGE = ("journeys last-week", "journey billing last-week", "why billing last-week", "digest last-week")
CHARTS = ("why ", "digest")


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def tables(endpoint: str) -> Settings:
    names = create_tables(local_client(endpoint), prefix=f"b{uuid.uuid4().hex[:8]}")
    logical = {"Conversations": "CONVERSATIONS", "Evaluations": "EVALUATIONS", "Aggregates": "AGGREGATES",
               "Labels": "LABELS", "Config": "CONFIG", "Coaching": "COACHING"}  # fmt: skip
    env = {f"CX_{v}_TABLE": names[f"{k}Table"] for k, v in logical.items()}
    return Settings.from_env({**env, "CX_DYNAMODB_ENDPOINT": endpoint})


def demo(endpoint: str, days: int) -> tuple[Settings, str, int]:
    settings = tables(endpoint)
    conversations = generate(end=NOW.date(), days=days, seed=5).conversations
    started = time.monotonic()
    build_pipeline(settings, clock=lambda: NOW).process(conversations)
    build_stores(settings).roles.put_roles(Roles(managers=[MANAGER], agents={AGENT: AGENT}))
    case = next(c.case_ref for c in reversed(conversations) if c.journey == "billing")
    print(f"demo: {len(conversations):,} conversations over {days} days loaded in {time.monotonic() - started:.0f} s")
    return settings, case, len(conversations)


def large(endpoint: str, conversations: int) -> Settings:
    settings = tables(endpoint)
    client, table, started = local_client(endpoint), settings.aggregates_table, time.monotonic()
    items = write(client, table, day_items(conversations, NOW.date(), 90, seed=conversations))
    items += write(client, table, case_rows(conversations, "billing", NOW.date(), 14, 90, seed=conversations))
    stores = build_stores(settings)
    stores.aggregates.note_journeys(set(JOURNEYS))
    stores.roles.put_roles(Roles(managers=[MANAGER]))
    print(f"large: {conversations:,} conversations' aggregates ({items:,} items) written in "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
    return settings


def time_command(settings: Settings, user: str, text: str, runs: int) -> tuple[list[float], list[float]]:
    """(ms until the text answer, ms until the chart is uploaded, for the commands that draw one)."""
    people = {a.id: a.name for a in AGENTS}
    with FakeSlack(people=people) as slack:
        app = build_app(build_services(settings, clock=lambda: NOW), SECRET,
                        WebClient(token=f"xoxb-{uuid.uuid4().hex[:6]}", base_url=slack.api_url))  # fmt: skip
        answers, charts = [], []
        for i in range(runs + WARMUP):
            uploads = len(slack.calls_to("files.completeUploadExternal"))
            body = slash_command_body(text, slack.response_url(f"r{i}"), user_id=user)
            headers = dict(signed_headers(body, SECRET))
            started = time.perf_counter()
            assert app.dispatch(BoltRequest(body=body, headers=headers)).status == 200
            reply = slack.wait_for("response_url", i + 1, timeout=120)[i].body
            answered = time.perf_counter() - started
            assert "failed on our side" not in str(reply), (text, reply)
            if text.startswith(CHARTS) or text.startswith("export"):
                slack.wait_for("files.completeUploadExternal", uploads + 1, timeout=120)
            charted = time.perf_counter() - started
            if i >= WARMUP:  # the first requests warm connections, caches and the names directory
                answers.append(answered * 1000)
                charts.append(charted * 1000)
        return answers, charts if text.startswith(CHARTS) else []


def report(label: str, rows: list[tuple[str, list[float], list[float]]]) -> None:
    print(f"\n{label}\n{'command':<36}{'median ms':>10}{'p99 ms':>9}   {'chart done, median':>18}")
    for text, answers, charts in rows:
        chart = f"{statistics.median(charts):>15.0f} ms" if charts else ""
        print(f"/cx {text:<32}{statistics.median(answers):>10.0f}{p99(answers):>9.0f}   {chart}")
    slowest = max(rows, key=lambda r: statistics.median(r[1]))
    print(f"slowest median: /cx {slowest[0]} {statistics.median(slowest[1]):.0f} ms (goal: under 2,000 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=90, help="days of demo data (90: the demo)")
    parser.add_argument("--runs", type=int, default=20, help="timed requests per command, after 2 warm-ups")
    parser.add_argument("--large", type=int, default=1_000_000, help="conversations of synthetic aggregates; 0: skip")
    parser.add_argument("--only", nargs="*", default=[], help="time only the commands starting with these words")
    args = parser.parse_args()
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):  # DynamoDB Local only: never real credentials
        os.environ[key] = "local"
    os.environ.pop("AWS_PROFILE", None)
    with DynamoDBLocal() as db:
        settings, case, n = demo(db.endpoint, args.days)
        rows = []
        for user, text in COMMANDS:
            typed = text.format(case=case)
            if args.only and not typed.startswith(tuple(args.only)):
                continue
            rows.append((typed, *time_command(settings, user, typed, args.runs)))
        report(f"demo size ({n:,} conversations), {args.runs} warm requests each", rows)
        if args.large:
            settings = large(db.endpoint, args.large)
            rows = [(text, *time_command(settings, MANAGER, text, args.runs)) for text in LARGE]
            report(f"{args.large:,} conversations' aggregates, {args.runs} warm requests each", rows)


if __name__ == "__main__":
    main()
