"""`cx roles`: who may see what in Slack (managers, team leads with their teams, agents with their agent id)."""

from __future__ import annotations

import argparse
import getpass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cx.access import Roles
from cx.workspace.config import Change

if TYPE_CHECKING:
    from cx.config import Settings

DEMO_MANAGER = "U0MANAGER"


def add_parser(sub: argparse._SubParsersAction) -> None:
    roles = sub.add_parser("roles", help="show or set who may see what in Slack")
    roles.add_argument("action", choices=["show", "set"])
    roles.add_argument("--manager", action="append", default=[], help="Slack user id of a manager (repeatable)")
    roles.add_argument("--lead", action="append", default=[], help="USER=team1,team2: a team lead and their teams")
    roles.add_argument("--agent", action="append", default=[], help="USER=AGENT_ID: an agent and their id in the data")
    roles.add_argument("--by", help="who makes the change, for the configuration history (default: your login name)")


def parse_roles(managers: list[str], leads: list[str], agents: list[str]) -> Roles:
    def pair(text: str, flag: str) -> tuple[str, str]:
        user, _, value = text.partition("=")
        if not user or not value:
            raise ValueError(f"--{flag} takes USER=VALUE; got {text!r}")
        return user, value

    return Roles(
        managers=managers,
        leads={u: [t.strip().lower() for t in v.split(",") if t.strip()] for u, v in (pair(x, "lead") for x in leads)},
        agents=dict(pair(x, "agent") for x in agents),
    )


def ensure_demo_manager(settings: Settings) -> None:
    """The demo answers as U0MANAGER: make them a manager when no roles are configured yet."""
    from cx.bootstrap import build_stores

    store = build_stores(settings).roles
    if store.get_roles() is None:
        store.put_roles(Roles(managers=[DEMO_MANAGER]))


def _summary(roles: Roles | None) -> str:
    if roles is None or roles.is_empty:
        return "none"
    leads = ", ".join(f"{u} ({'/'.join(t)})" for u, t in sorted(roles.leads.items()))
    agents = ", ".join(f"{u}={a}" for u, a in sorted(roles.agents.items()))
    return f"managers {', '.join(roles.managers) or '-'}; leads {leads or '-'}; agents {agents or '-'}"


def roles_change(before: Roles | None, after: Roles, by: str) -> Change:
    return Change(key="roles", before=_summary(before), after=_summary(after), by=by, at=datetime.now(UTC))


def roles(args: argparse.Namespace) -> int:
    from cx.bootstrap import build_stores, build_workspace_store
    from cxcli.local_env import open_backend

    with open_backend() as stack:
        store = build_stores(stack.settings).roles
        if args.action == "set":
            before, after = store.get_roles(), parse_roles(args.manager, args.lead, args.agent)
            store.put_roles(after)
            if stack.settings.config_table and before != after:
                build_workspace_store(stack.settings).record(
                    [roles_change(before, after, args.by or getpass.getuser())]
                )
        current = store.get_roles()
    print(current.model_dump_json(indent=2) if current else "No roles configured.")
    return 0
