"""`cx migrate by-day [--apply]`: the by_day index keys on conversations and labels stored before they existed.

Without --apply it counts the items that need them, by workspace; with --apply it adds them, saving each Scan
segment's progress under .cx/migrations/ so that a rerun resumes (docs/operations.md, "After upgrading").
"""

from __future__ import annotations

import argparse
import time

import boto3

from cxcli.by_day_migration import CONVERSATIONS, LABELS, Checkpoint, Family, Tally, migrate_table
from cxcli.local_env import open_backend, state_dir


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    migrate = sub.add_parser("migrate", help="one-off data migrations after an upgrade (by-day)")
    which = migrate.add_subparsers(dest="migration", required=True)
    by_day = which.add_parser("by-day", help="add the by_day index keys to conversations and labels stored before")
    by_day.add_argument("--apply", action="store_true", help="write them; without it, only count what needs them")
    by_day.add_argument("--segments", type=int, default=4, help="parallel Scan segments per table (default 4)")
    by_day.add_argument("--page-size", type=int, default=200, help="items per Scan page; a checkpoint after each")
    by_day.add_argument("--restart", action="store_true", help="ignore a finished or partial checkpoint; scan again")


def _by_workspace(counts: dict[str, int]) -> str:
    return ", ".join(f"{workspace} {n}" for workspace, n in sorted(counts.items())) or "none"


def _describe(family: Family, table: str, tally: Tally, apply: bool, seconds: float) -> list[str]:
    if apply:
        total = sum(tally.updated.values())
        lines = [
            f"  {family.name} ({table}): added {family.attribute} to {total} item(s) ({_by_workspace(tally.updated)})"
            f"; {tally.changed} changed or deleted meanwhile, left alone; {seconds:.1f}s"
        ]
    else:
        total = sum(tally.needing.values())
        lines = [
            f"  {family.name} ({table}): {total} item(s) need {family.attribute} ({_by_workspace(tally.needing)})"
            f"; {seconds:.1f}s"
        ]
    if tally.resumed:
        lines.append(f"    resumed {tally.resumed} segment(s) from the checkpoint")
    if tally.unreadable:
        shown = ", ".join(tally.unreadable[:10]) + (", …" if len(tally.unreadable) > 10 else "")
        lines.append(f"    {len(tally.unreadable)} item(s) without a readable time, left without the key: {shown}")
    return lines


def migrate(args: argparse.Namespace) -> int:
    if args.segments < 1 or args.page_size < 1:
        raise ValueError("--segments and --page-size must be at least 1")
    with open_backend() as backend:
        settings = backend.settings
        client = boto3.client("dynamodb", region_name=settings.region, endpoint_url=settings.dynamodb_endpoint)
        tables = [(CONVERSATIONS, settings.conversations_table), (LABELS, settings.labels_table)]
        print(f"by_day index keys, {'applying' if args.apply else 'dry run'} on {backend.description}:")
        for family, table in tables:
            if not table:
                print(f"  {family.name}: no table configured, nothing to do")
                continue
            checkpoint = None
            if args.apply:
                path = state_dir() / "migrations" / f"by-day-{table}.json"
                if args.restart:
                    path.unlink(missing_ok=True)
                checkpoint = Checkpoint(path, table, args.segments)
                if checkpoint.complete:
                    print(f"  {family.name} ({table}): already done ({path}); --restart scans again")
                    continue
            started = time.monotonic()
            tally = migrate_table(client, table, family, args.apply, checkpoint, args.segments, args.page_size)
            print("\n".join(_describe(family, table, tally, args.apply, time.monotonic() - started)))
    if not args.apply:
        print("Run with --apply to add them (resumable: progress is saved under .cx/migrations/).")
    return 0
