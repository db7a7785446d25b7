"""The workspace configuration and its history as text, for `cx config show|history` and `/cx admin`."""

from __future__ import annotations

from cx.workspace.config import Change, WorkspaceConfig


def describe(config: WorkspaceConfig) -> str:
    lines = [f"Workspace configuration (version {config.version}):"]
    lines += [f"  {key} = {value}" for key, value in config.settings().items()]
    return "\n".join(lines)


def describe_history(changes: list[Change], limit: int = 20) -> str:
    if not changes:
        return "No configuration changes recorded yet."
    rows = [
        f"  {c.at:%Y-%m-%d %H:%M} {c.by}: {c.key} {c.before} → {c.after}" + (f" ({c.note})" if c.note else "")
        for c in changes[-limit:]
    ]
    return "\n".join(["Configuration changes, oldest first:", *rows])
