"""What each `cx` subcommand does, as a user sees it."""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cxcli.local_env import dynamodb_dir, open_backend, state_dir
from cxcli.progress import terminal_tracker
from cxlocal import dynamodb_local

# Each command imports what it uses when it runs: `cx local` needs no scorer, `cx ingest` no Bolt app.
if TYPE_CHECKING:
    from cx.config import Settings
    from cx.pipeline import PipelineReport


def _clock() -> datetime:
    return datetime.now(UTC)


def _print_report(report: PipelineReport, seconds: float) -> None:
    fold = report.fold
    print(
        f"  {report.received} conversations: {report.scored} scored, {report.unchanged} already scored "
        f"(unchanged), {len(report.failed)} failed; {fold.folded} folded into aggregates with "
        f"{fold.writes} item writes in {seconds:.1f}s"
    )
    for failure in report.failed[:10]:
        print(f"  failed {failure.conversation_id}: {failure.reason}")


def demo(args: argparse.Namespace) -> int:
    from cx.demo.generator import generate
    from cx.wiring import Wiring

    with open_backend(in_memory=not args.persist) as stack:
        print(f"Storage: {stack.description}")
        settings = stack.settings
        today = _clock().astimezone(settings.timezone).date()
        data = generate(end=today, days=args.days, seed=args.seed, tz=settings.timezone)
        print(f"Demo data: {len(data.conversations)} conversations, {args.days} days to {today}, seed {args.seed}")
        for change in data.planted:
            print(f"  planted from {change.start}: {change.change}")
        started = time.monotonic()
        report = Wiring(settings, _clock, create=True).pipeline().process(data.conversations, terminal_tracker())
        _print_report(report, time.monotonic() - started)
        code = _answer(args.slash_command, settings, "U0MANAGER")
    if not args.persist:
        print("\nThe demo ran on an in-memory DynamoDB Local. To keep its data for `cx slash`, run")
        print("  .venv/bin/cx demo --persist    (on-disk store under .cx/dynamodb; slower to load)")
    return code


def _answer(command: str, settings: Settings, user: str) -> int:
    from cxbot.bootstrap import build_services
    from cxcli.main import slug
    from cxcli.slash import run_slash, save_blocks

    reply = run_slash(command, build_services(settings, _clock), user_id=user)
    path = save_blocks(reply, state_dir() / "out", slug(command))
    print(f"\n{command}\n")
    print(reply.rendered())
    print(f"(raw Block Kit saved to {path})")
    return 0 if reply.status == 200 else 1


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def ingest(args: argparse.Namespace) -> int:
    from cx.importers.files import load, redrive, write_rejects
    from cx.wiring import Wiring
    from cxcli.workspace_admin import scoped

    source = Path(args.file)
    result = redrive(source) if args.command == "redrive" else load(source)
    print(result.summary())
    if result.rejects:
        target = Path(args.rejects) if args.rejects else state_dir() / "rejects" / f"{source.name}.rejects.jsonl"
        added = write_rejects(result.rejects, target)
        for reject in result.rejects[:10]:
            print(f"  line {reject.line}: {_shorten(reject.reason)}")
        again = len(result.rejects) - added
        already = f" ({again} of them already there from an earlier run)" if again else ""
        print(f"  rejected records kept in {target}{already}: fix them there, then `cx redrive {target}`")
    with open_backend() as stack:
        settings = scoped(stack, args.workspace)
        print(f"Storage: {stack.description}" + (f", workspace {settings.workspace}" if settings.workspace else ""))
        started = time.monotonic()
        report = Wiring(settings, _clock, create=True).pipeline().process(result.accepted, terminal_tracker())
    _print_report(report, time.monotonic() - started)
    return 1 if report.failed or result.rejects else 0


def slash(args: argparse.Namespace) -> int:
    with open_backend() as stack:
        return _answer(args.text, stack.settings, args.user)


def rebuild(args: argparse.Namespace) -> int:
    from cx.wiring import Wiring

    with open_backend() as stack:
        differences = Wiring(stack.settings, _clock, create=True).pipeline().rebuild(apply=args.apply)
    for unfolded in differences.unfolded[:20]:
        print(f"  left out {unfolded.conversation_id}: {unfolded.reason}")
    if not differences:
        print("Aggregates match a recomputation from the raw evaluations.")
        return 0
    print(f"{len(differences)} aggregate items differ from a recomputation:")
    for difference in differences[:20]:
        print(f"  {difference.describe()}")
    print("Stored aggregates overwritten with the recomputation." if args.apply else "Run with --apply to fix.")
    return 0 if args.apply else 1


def local(args: argparse.Namespace) -> int:
    folder = dynamodb_dir()
    if args.action == "up":
        print(f"DynamoDB Local at {dynamodb_local.up(folder)}, data in {folder}")
    elif args.action == "down":
        print("DynamoDB Local stopped." if dynamodb_local.down(folder) else "DynamoDB Local was not running.")
    else:
        endpoint = dynamodb_local.status(folder)
        print(f"DynamoDB Local at {endpoint}" if endpoint else "DynamoDB Local is not running (cx local up).")
    return 0


def slack_manifest(args: argparse.Namespace) -> int:
    from cxcli.manifest import manifest, request_url

    print(manifest(args.url or request_url(args.stack, args.region)), end="")
    return 0


def serve(args: argparse.Namespace) -> int:
    """The same Bolt app as on Lambda, connected to a real workspace over Socket Mode."""
    import os

    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from cx.config import ConfigError
    from cxbot.app import build_app
    from cxbot.bootstrap import build_services
    from cxbot.slack_client import slack_client

    bot_token, app_token = os.environ.get("SLACK_BOT_TOKEN", ""), os.environ.get("SLACK_APP_TOKEN", "")
    if not bot_token.startswith("xoxb-") or not app_token.startswith("xapp-"):
        raise ConfigError(
            "set SLACK_BOT_TOKEN (xoxb-…, OAuth & Permissions) and SLACK_APP_TOKEN (xapp-…, an app-level token "
            "with connections:write, Basic Information) and enable Socket Mode for the app"
        )
    with open_backend() as stack:
        print(f"Storage: {stack.description}")
        services = build_services(stack.settings, _clock)
        # Socket Mode requests are not signed: the app-level token authenticates the connection.
        app = build_app(services, signing_secret="unused-in-socket-mode", client=slack_client(bot_token))
        print("Connected over Socket Mode; try /cx help in Slack. Ctrl-C stops.")
        SocketModeHandler(app, app_token).start()
    return 0


def doctor(args: argparse.Namespace) -> int:
    from cxcli.doctor import report, run

    checks = run(args.stack, args.region)
    print(report(checks))
    return 0 if all(c.ok or c.warning for c in checks) else 1


def costs(args: argparse.Namespace) -> int:
    from datetime import datetime, time, timedelta

    from cx.bootstrap import build_stores
    from cx.ranges import parse_range
    from cx.scoring.claude.costs import daily_usage
    from cx.scoring.claude.pricing import PRICES_AS_OF, dollars, total_cost

    with open_backend() as stack:
        tz = stack.settings.timezone
        period = parse_range(args.range, _clock(), tz)
        start = datetime.combine(period.start, time(), tz)
        end = datetime.combine(period.end + timedelta(days=1), time(), tz)
        made = list(build_stores(stack.settings).evaluations.evaluations_made(start, end))
    days = daily_usage(made, tz)
    print(f"Model usage, {period.describe()}: {len(made)} evaluations made")
    if not days:
        print("  no model usage recorded (the offline scorer makes no API calls and costs nothing)")
        return 0
    print(f"  {'day':<10} {'input':>10} {'output':>9} {'cache read':>11} {'cache write':>11} {'cost':>10}")
    for day, usage in days.items():
        print(
            f"  {day.isoformat():<10} {usage.input_tokens:>10,} {usage.output_tokens:>9,} "
            f"{usage.cache_read_input_tokens:>11,} {usage.cache_creation_input_tokens:>11,} "
            f"{dollars(usage.cost_usd):>10}"
        )
    total = total_cost(list(days.values()))
    print(f"  {'total':<10} {'':>10} {'':>9} {'':>11} {'':>11} {dollars(total):>10}")
    if total is None:
        print(f"  unknown: a model without a price in the scorer's table (prices as of {PRICES_AS_OF})")
    return 0
