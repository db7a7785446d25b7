"""`cx drift`: this week's drift summary as the scheduled function would post it, and where it would go."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser("drift", help="the weekly drift summary (last week, Monday-Sunday) and the channel it goes to")


def drift(args: argparse.Namespace) -> int:
    from cx.bootstrap import build_drift_check, deploy_defaults, with_workspace, workspace_config
    from cxbot.render.drift import drift_blocks
    from cxbot.render.terminal import render
    from cxcli.local_env import open_backend

    now = datetime.now(UTC)
    with open_backend() as backend:
        settings = backend.settings
        workspace = workspace_config(settings, lambda: now) or deploy_defaults(settings)
        channel, why = workspace.drift_destination(settings.drift_channel)
        report = build_drift_check(with_workspace(settings, workspace))(now)
    where = f"<#{channel}> ({why})" if channel else None
    print(render([b.to_dict() for b in drift_blocks(report, where)]))
    if channel:
        print(f"\nThe weekly drift function posts this to {channel} ({why}).")
        return 0
    print(f"\nThe weekly drift function posts this NOWHERE: {why}.")
    return 1
