"""`cx digest`: preview the weekly digest locally, and manage who gets it where and when."""

from __future__ import annotations

import argparse
import getpass
import json
from datetime import UTC, datetime
from pathlib import Path

from cx.config import Settings
from cx.digest.subscriptions import WEEKDAYS, Subscription
from cx.workspace.config import Change
from cxcli.local_env import open_backend, state_dir


def add_parser(sub: argparse._SubParsersAction) -> None:
    digest = sub.add_parser("digest", help="the weekly digest: preview it, or subscribe a channel")
    digest.add_argument("action", nargs="?", choices=["subscribe", "list", "remove"])
    digest.add_argument("--preview", action="store_true", help="write the blocks and the chart under .cx/out/")
    digest.add_argument("--range", default="last-week", help="the period for --preview (default last-week)")
    digest.add_argument(
        "--demo", action="store_true", help="with --preview: load nine weeks of demo data into an in-memory store first"
    )
    digest.add_argument("--channel", help="Slack channel id, e.g. C0123ABCD")
    digest.add_argument("--journeys", default="", help="comma-separated journeys (default: all)")
    digest.add_argument("--day", default="mon", choices=WEEKDAYS, help="weekday to post (default mon)")
    digest.add_argument("--hour", type=int, default=9, help="hour to post, 0-23 (default 9)")
    digest.add_argument("--timezone", default="UTC", help="IANA time zone of day and hour (default UTC)")
    digest.add_argument("--by", help="who makes the change, for the configuration history (default: your login name)")


def _record(settings: Settings, key: str, before: str, after: str, by: str | None) -> None:
    """Subscriptions are configuration: each change goes into the same history as `cx config`'s."""
    from cx.bootstrap import build_workspace_store

    change = Change(key=key, before=before, after=after, by=by or getpass.getuser(), at=datetime.now(UTC))
    build_workspace_store(settings).record([change])


def run(args: argparse.Namespace) -> int:
    if args.preview:
        return preview(args)
    if args.action is None:
        raise ValueError("say what to do: `cx digest --preview`, or `cx digest subscribe|list|remove`")
    from cx.bootstrap import build_digest_wiring

    journeys = tuple(j for j in args.journeys.split(",") if j.strip())
    with open_backend() as stack:
        store = build_digest_wiring(stack.settings).subscriptions
        if store is None:
            raise ValueError("subscriptions live in the config table: set CX_CONFIG_TABLE")
        if args.action == "list":
            held = store.all()
            for subscription in held:
                print(subscription.describe())
            print("" if held else "No digest subscriptions: `cx digest subscribe --channel C0123ABCD`.")
            return 0
        if not args.channel:
            raise ValueError(f"`cx digest {args.action}` needs --channel (a Slack channel id, e.g. C0123ABCD)")
        subscription = Subscription(
            channel=args.channel, journeys=journeys, weekday=WEEKDAYS.index(args.day), hour=args.hour,
            timezone=args.timezone,
        )  # fmt: skip
        if args.action == "remove":
            removed = store.remove(subscription.key)
            if removed:
                _record(stack.settings, f"digest.{subscription.key}", "subscribed", "none", args.by)
            print(f"Removed {subscription.key}." if removed else f"No subscription {subscription.key}.")
            return 0 if removed else 1
        from cx.bootstrap import build_stores

        known = build_stores(stack.settings).aggregates.known_journeys()
        if unknown := set(subscription.journeys) - known:
            raise ValueError(f"unknown journeys {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}")
        store.put(subscription)
        _record(stack.settings, f"digest.{subscription.key}", "none", subscription.describe(), args.by)
    print(f"Subscribed {subscription.describe()}")
    return 0


def preview(args: argparse.Namespace) -> int:
    """The digest as Slack would get it: blocks (JSON), the chart (PNG), and the terminal rendering."""
    from cx.ranges import parse_range
    from cx.wiring import Wiring
    from cxbot.charts.small_multiples import render_png
    from cxbot.digest_post import chart_filename
    from cxbot.render.digest import digest_blocks, digest_chart, digest_text
    from cxbot.render.terminal import render

    journeys = [j.strip() for j in args.journeys.split(",") if j.strip()] or None
    with open_backend(in_memory=args.demo) as stack:
        now = datetime.now(UTC)
        wiring = Wiring(stack.settings, lambda: now, create=True)
        if args.demo:
            from cx.demo.generator import generate

            data = generate(end=now.astimezone(stack.settings.timezone).date(), days=64, tz=stack.settings.timezone)
            print(f"Loading {len(data.conversations)} demo conversations (64 days) into {stack.description}…")
            wiring.pipeline().process(data.conversations)
        period = parse_range(args.range, now, wiring.tz)
        digest = wiring.digest.make(period, journeys, now)
    if not digest.journeys:
        print("Nothing stored yet: load data first (`cx demo --persist` or `cx ingest FILE`).")
        return 1
    out = state_dir() / "out"
    out.mkdir(parents=True, exist_ok=True)
    png = out / chart_filename(digest)
    png.write_bytes(render_png(digest_chart(digest)))
    blocks = [b.to_dict() for b in digest_blocks(digest, chart_note=f"Chart: {png.name}")]
    path = out / f"{Path(png.name).stem}.json"
    path.write_text(json.dumps({"text": digest_text(digest), "blocks": blocks}, indent=2, ensure_ascii=False) + "\n")
    print(render(blocks))
    print(f"(blocks saved to {path}, chart to {png})")
    return 0
