"""The installations table (pk, sk; TTL on ``expires_at``): Slack installations, bots, OAuth states, workspaces.

- ``install#<enterprise id or ->#<team id or ->`` / ``bot``, ``installation`` and ``installation#<user id>``:
  the latest bot, the latest installation and each installer's latest (slack_sdk's ``Installation`` as JSON,
  written by ``cxbot.oauth.installation_store``); an org-wide install is keyed by its enterprise id alone, as
  Bolt looks it up for every workspace of the org.
- ``workspaces`` / ``<workspace id>``: every installed workspace, for ingest and the scheduled functions.
- ``state#<state>`` / ``state``: an OAuth state parameter until it is consumed or expires.

A workspace is the unit whose data is kept apart: a team id, or for an Enterprise Grid org-wide install the
enterprise id (one installation, one token and one set of figures for all the org's workspaces). Tokens are
kept here (encrypted at rest) and never logged; nothing here holds conversation data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

WORKSPACES_PK = "workspaces"
NONE = "-"


def build_installation_model(table: str, region: str, host: str | None) -> type[Any]:
    meta = type("Meta", (), {"table_name": table, "region": region, "host": host})
    return type(
        "InstallationItem",
        (Model,),
        {
            "Meta": meta,
            "pk": UnicodeAttribute(hash_key=True),
            "sk": UnicodeAttribute(range_key=True),
            "body": UnicodeAttribute(null=True),
            "expires_at": NumberAttribute(null=True),  # epoch seconds: DynamoDB's TTL removes an unused state
        },
    )


def install_pk(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None) -> str:
    """An org-wide install answers for every workspace of its org: keyed by the enterprise id alone."""
    team = None if is_enterprise_install else team_id
    return f"install#{enterprise_id or NONE}#{team or NONE}"


def workspace_of(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None) -> str:
    """The workspace id: the enterprise's for an org-wide install, else the team's."""
    found = enterprise_id if is_enterprise_install else team_id
    if not found:
        raise ValueError("the request names no team (nor an enterprise for an org-wide install)")
    return found


class Installed(BaseModel):
    """One installed workspace: how to find its bot (enterprise, team, org-wide) and its id."""

    workspace: str
    enterprise_id: str | None = None
    team_id: str | None = None
    is_enterprise_install: bool = False
    name: str | None = None


@dataclass(frozen=True)
class InstalledWorkspaces:
    model: type[Any]

    def note(self, installed: Installed) -> None:
        self.model(WORKSPACES_PK, installed.workspace, body=installed.model_dump_json()).save()

    def forget(self, workspace: str) -> None:
        self.model(WORKSPACES_PK, workspace).delete()

    def all(self) -> list[Installed]:
        return [Installed.model_validate_json(i.body) for i in self.model.query(WORKSPACES_PK, consistent_read=True)]


def installed_workspaces(table: str | None, region: str, host: str | None) -> Callable[[], list[str]] | None:
    """The installed workspaces' ids, read when called; None without an installations table."""
    if not table:
        return None
    workspaces = InstalledWorkspaces(build_installation_model(table, region, host))
    return lambda: [w.workspace for w in workspaces.all()]
