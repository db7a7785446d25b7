"""Every `/cx` subcommand's answer time, warm, through the real Bolt app with signed requests: at demo size and on
the 1M-conversation aggregates. The answer time runs from the request to the moment the text answer reaches the
fake Slack's response_url (what the asker waits for); for `why` and `digest` the time until their chart is
uploaded is printed too. Medians and p99s over repeated requests; the goal is under 2 s warm at demo size.

    .venv/bin/python bench/slack_answers.py [--days 90] [--runs 20] [--large 1000000] [--only WORD ...]
    .venv/bin/python bench/slack_answers.py --keep STATE.json       # load once, leave DynamoDB Local running
    .venv/bin/python bench/slack_answers.py --attach STATE.json [--compare OTHER_TREE]

``--compare`` times each command with another source tree's code (e.g. a worktree of main) and this tree's,
before, now, now, before, each in a process of its own against the same tables: a ratio from one run.

Demo size: the demo generator's conversations over ``--days`` days (90 is the demo, about 7,400), scored and
folded into DynamoDB Local (in memory) by the product's bulk path. Large: ``synthetic_aggregates``' day items of
``--large`` conversations (journeys, channels, teams, agents, and the billing case index; no cube and no slice
catalogue, so `/cx why` there measures its reads of the journey's days and slices); `--large 0` skips it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
from cxlocal.slack_requests import event_body, home_opened_event, json_headers, signed_headers, slash_command_body
from cxlocal.template_tables import create_tables

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
SECRET = "bench-signing-secret"
MANAGER, AGENT, LEAD, LEAD_TEAM = "U0MANAGER", "U0AGENT01", "U0LEAD", "billing-payments"
WARMUP = 2
HOME = "(Home tab)"  # not a command: app_home_opened, timed until views.publish
# (who asks, what they type): every subcommand of the command table, as its users ask it
COMMANDS = (
    (MANAGER, "help"),
    (MANAGER, "journeys last-week"),
    (MANAGER, "journey billing last-week"),
    (LEAD, "journey billing last-week"),  # a team lead: their team's figures only
    (MANAGER, "journey billing last-week channel:chat"),
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
    (MANAGER, HOME),
    (AGENT, HOME),
)
LARGE = (
    (MANAGER, "journeys last-week"),
    (MANAGER, "journey billing last-week"),
    (MANAGER, "journey billing last-week channel:chat"),
    (MANAGER, "why billing last-week"),
    (MANAGER, "why all last-week"),
    (MANAGER, "digest last-week"),
    (MANAGER, HOME),
)
CHARTS = ("why ", "digest")


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def tables(endpoint: str) -> dict[str, str]:
    """New tables; the settings' environment (Settings.from_env) that names them."""
    names = create_tables(local_client(endpoint), prefix=f"b{uuid.uuid4().hex[:8]}")
    logical = {"Conversations": "CONVERSATIONS", "Evaluations": "EVALUATIONS", "Aggregates": "AGGREGATES",
               "Labels": "LABELS", "Config": "CONFIG", "Coaching": "COACHING"}  # fmt: skip
    env = {f"CX_{v}_TABLE": names[f"{k}Table"] for k, v in logical.items()}
    return {**env, "CX_DYNAMODB_ENDPOINT": endpoint}


def demo(endpoint: str, days: int) -> tuple[dict[str, str], str, int]:
    env = tables(endpoint)
    settings = Settings.from_env(env)
    conversations = generate(end=NOW.date(), days=days, seed=5).conversations
    started = time.monotonic()
    build_pipeline(settings, clock=lambda: NOW).process(conversations)
    roles = Roles(managers=[MANAGER], leads={LEAD: [LEAD_TEAM]}, agents={AGENT: AGENT})
    build_stores(settings).roles.put_roles(roles)
    case = next(c.case_ref for c in reversed(conversations) if c.journey == "billing")
    print(f"demo: {len(conversations):,} conversations over {days} days loaded in {time.monotonic() - started:.0f} s")
    return env, case, len(conversations)


def large(endpoint: str, conversations: int) -> dict[str, str]:
    env = tables(endpoint)
    settings = Settings.from_env(env)
    client, table, started = local_client(endpoint), settings.aggregates_table, time.monotonic()
    items = write(client, table, day_items(conversations, NOW.date(), 90, seed=conversations))
    items += write(client, table, case_rows(conversations, "billing", NOW.date(), 14, 90, seed=conversations))
    stores = build_stores(settings)
    stores.aggregates.note_journeys(set(JOURNEYS))
    stores.roles.put_roles(Roles(managers=[MANAGER]))
    print(f"large: {conversations:,} conversations' aggregates ({items:,} items) written in "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
    return env


def time_command(settings: Settings, user: str, text: str, runs: int) -> tuple[list[float], list[float]]:
    """(ms until the text answer, ms until the chart is uploaded, for the commands that draw one)."""
    people = {a.id: a.name for a in AGENTS}
    with FakeSlack(people=people) as slack:
        app = build_app(build_services(settings, clock=lambda: NOW), SECRET,
                        WebClient(token=f"xoxb-{uuid.uuid4().hex[:6]}", base_url=slack.api_url))  # fmt: skip
        answers, charts = [], []
        for i in range(runs + WARMUP):
            uploads = len(slack.calls_to("files.completeUploadExternal"))
            if text == HOME:
                body = event_body(home_opened_event(user))
                headers = dict(json_headers(body, SECRET))
            else:
                body = slash_command_body(text, slack.response_url(f"r{i}"), user_id=user)
                headers = dict(signed_headers(body, SECRET))
            started = time.perf_counter()
            assert app.dispatch(BoltRequest(body=body, headers=headers)).status == 200
            answer = "views.publish" if text == HOME else "response_url"
            reply = slack.wait_for(answer, i + 1, timeout=120)[i].body
            answered = time.perf_counter() - started
            assert "failed on our side" not in str(reply), (text, reply)
            if text.startswith(CHARTS) or text.startswith("export"):
                slack.wait_for("files.completeUploadExternal", uploads + 1, timeout=120)
            charted = time.perf_counter() - started
            if i >= WARMUP:  # the first requests warm connections, caches and the names directory
                answers.append(answered * 1000)
                charts.append(charted * 1000)
        return answers, charts if text.startswith(CHARTS) else []


def load(args: argparse.Namespace, endpoint: str) -> dict[str, Any]:
    """Load the demo (and the large aggregates): what the timing needs to find them again."""
    env, case, n = demo(endpoint, args.days)
    state: dict[str, Any] = {"endpoint": endpoint, "demo": env, "case": case, "conversations": n}
    if args.large:
        state["large"], state["large_conversations"] = large(endpoint, args.large), args.large
    return state


def commands(args: argparse.Namespace, state: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(store, who asks, what they type) for every command to time."""
    chosen = [("demo", user, text.format(case=state["case"])) for user, text in COMMANDS]
    chosen += [("large", user, text) for user, text in LARGE] if "large" in state else []
    return [c for c in chosen if not args.only or c[2].startswith(tuple(args.only))]


def measured(store: str, user: str, text: str, state: dict[str, Any], runs: int) -> dict[str, Any]:
    before = os.getloadavg()[0]
    answers, charts = time_command(Settings.from_env(state[store]), user, text, runs)
    return {"store": store, "user": user, "text": text, "answers": answers, "charts": charts,
            "load": (before + os.getloadavg()[0]) / 2}  # fmt: skip


def merged(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {**a, "answers": a["answers"] + b["answers"], "charts": a["charts"] + b["charts"],
            "load": (a["load"] + b["load"]) / 2}  # fmt: skip


def in_tree(tree: Path, state_file: Path, store: str, user: str, text: str, runs: int) -> dict[str, Any]:
    """One command timed by ``tree``'s code (its shared/, bot/, infra/ first on the path), in a process of its own."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(tree / d) for d in ("shared", "bot", "infra"))}
    argv = [sys.executable, __file__, "--attach", str(state_file), "--one", store, user, text, "--runs", str(runs)]
    out = subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.splitlines()[-1]))


def who(user: str) -> str:
    return {MANAGER: "", AGENT: " (agent)", LEAD: " (lead)"}[user]


def print_table(title: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n{title}\n{'command':<50}{'median ms':>10}{'p99 ms':>9}{'chart, median':>15}{'load':>6}")
    for r in rows:
        chart = f"{statistics.median(r['charts']):>12.0f} ms" if r["charts"] else " " * 15
        print(f"{r['text'] + who(r['user']):<50}{statistics.median(r['answers']):>10.0f}{p99(r['answers']):>9.0f}"
              f"{chart}{r['load']:>6.1f}")  # fmt: skip


def print_compare(base: Path, rows: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    head = f"{'store':>6}  {'before median/p99 ms':>21}  {'now median/p99 ms':>18}{'faster':>8}{'load':>6}"
    print(f"\n{'command':<50}{head}")
    for old, new in rows:
        a, b = statistics.median(old["answers"]), statistics.median(new["answers"])
        load = (old["load"] + new["load"]) / 2
        print(f"{new['text'] + who(new['user']):<50}{new['store']:>6}  {a:>10.0f} /{p99(old['answers']):>8.0f}  "
              f"{b:>8.0f} /{p99(new['answers']):>7.0f}{a / b:>7.1f}x{load:>6.1f}")  # fmt: skip
    print(f"(before: {base}'s code; now: this tree's; both against the same tables, one after the other per command)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=90, help="days of demo data (90: the demo)")
    parser.add_argument("--runs", type=int, default=20, help="timed requests per command, after 2 warm-ups")
    parser.add_argument("--large", type=int, default=1_000_000, help="conversations of synthetic aggregates; 0: skip")
    parser.add_argument("--only", nargs="*", default=[], help="time only the commands starting with these words")
    parser.add_argument("--keep", type=Path, help="load, write where to find the tables to this file, leave "
                        "DynamoDB Local running (its pid is in the file) and stop")  # fmt: skip
    parser.add_argument("--attach", type=Path, help="time against the tables a --keep run loaded")
    parser.add_argument("--compare", type=Path, help="also time each command with this source tree's code "
                        "(e.g. a worktree of main), alternating with this tree's, against the same tables")  # fmt: skip
    parser.add_argument("--one", nargs=3, metavar=("STORE", "USER", "TEXT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):  # DynamoDB Local only: never real credentials
        os.environ[key] = "local"
    os.environ.pop("AWS_PROFILE", None)
    if args.attach:
        state = json.loads(args.attach.read_text())
        if args.one:  # a --compare child: one command, its samples as JSON on the last line
            store, user, text = args.one
            print(json.dumps(measured(store, user, text, state, args.runs)))
            return
        run(args, state, args.attach)
        return
    db = DynamoDBLocal().start(detached=bool(args.keep))
    try:
        state = load(args, db.endpoint)
        if args.keep:
            args.keep.write_text(json.dumps({**state, "pid": db.pid}))
            print(f"loaded; DynamoDB Local (pid {db.pid}) keeps running: --attach {args.keep}; kill {db.pid} to stop")
            db.detach()
            return
        with tempfile.NamedTemporaryFile("w", suffix=".json") as state_file:
            state_file.write(json.dumps(state))
            state_file.flush()
            run(args, state, Path(state_file.name))
    finally:
        db.stop()


def run(args: argparse.Namespace, state: dict[str, Any], state_file: Path) -> None:
    chosen = commands(args, state)
    if args.compare:
        here = Path(__file__).resolve().parents[1]
        pairs = []
        for store, user, text in chosen:  # before, now, now, before: a machine getting busier favours neither
            half, trees = max(1, args.runs // 2), (args.compare, here, here, args.compare)
            runs = [in_tree(tree, state_file, store, user, text, half) for tree in trees]
            old, new = merged(runs[0], runs[3]), merged(runs[1], runs[2])
            pairs.append((old, new))
            print(f"  {text}{who(user)} ({store}): {statistics.median(old['answers']):.0f} -> "
                  f"{statistics.median(new['answers']):.0f} ms", flush=True)  # fmt: skip
        print(f"\ndemo: {state['conversations']:,} conversations; large: {state.get('large_conversations', 0):,}; "
              f"{args.runs} warm requests each after {WARMUP} warm-ups")  # fmt: skip
        print_compare(args.compare, pairs)
        return
    rows = [measured(store, user, text, state, args.runs) for store, user, text in chosen]
    for store, title in (("demo", f"demo size ({state['conversations']:,} conversations)"),
                         ("large", f"{state.get('large_conversations', 0):,} conversations' aggregates")):  # fmt: skip
        if of_store := [r for r in rows if r["store"] == store]:
            print_table(f"{title}, {args.runs} warm requests each", of_store)
    slowest = max(
        (r for r in rows if r["store"] == "demo"), key=lambda r: statistics.median(r["answers"]), default=None
    )
    if slowest:
        print(f"slowest at demo size: /cx {slowest['text']} {statistics.median(slowest['answers']):.0f} ms "
              "(goal: under 2,000 ms)")  # fmt: skip


if __name__ == "__main__":
    main()
