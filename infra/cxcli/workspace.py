"""`cx config show | history | set KEY=VALUE … [--by WHO]`: the workspace configuration, every change recorded."""

from __future__ import annotations

import argparse
import getpass
from datetime import UTC, datetime

from cx.bootstrap import build_workspace_store, deploy_defaults
from cx.workspace.changes import SETTINGS_HELP, InvalidSetting
from cx.workspace.describe import describe, describe_history
from cx.workspace.store import ConfigConflict, change_settings, load
from cxcli.local_env import open_backend

SETTINGS = "\n".join(f"  {key:<26} {text}" for key, text in SETTINGS_HELP.items())


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = sub.add_parser(
        "config",
        help="show or change the workspace configuration (recorded with who and when)",
        epilog=f"settings:\n{SETTINGS}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    config.add_argument("action", choices=["show", "history", "set"])
    config.add_argument("assignments", nargs="*", metavar="KEY=VALUE", help="for set, e.g. pass_threshold=3")
    config.add_argument("--by", help="who makes the change (default: your login name)")


def config(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    with open_backend() as backend:
        store, fallback = build_workspace_store(backend.settings), deploy_defaults(backend.settings)
        if args.action == "show":
            print(describe(load(store, fallback, now)))
            return 0
        if args.action == "history":
            print(describe_history(store.history(), limit=100))
            return 0
        try:
            _, changes = change_settings(store, fallback, args.assignments, args.by or getpass.getuser(), now)
        except (InvalidSetting, ConfigConflict) as problem:
            print(f"cx config: nothing was changed: {problem}")
            return 2
    if not changes:
        print("Those settings already have these values; nothing was changed.")
    for change in changes:
        print(f"{change.key}: {change.before} -> {change.after}" + (f"  ({change.note})" if change.note else ""))
    return 0
