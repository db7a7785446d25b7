"""Who may see what: managers everything, team leads their teams, agents their own cases and scores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from cx.reports.cells import Cell
from cx.reports.slices import EVERYTHING, Slice


class Roles(BaseModel):
    """The roles configuration: Slack user ids of managers, leads with their teams, agents with their agent id."""

    model_config = ConfigDict(frozen=True)

    managers: list[str] = Field(default_factory=list)
    leads: dict[str, list[str]] = Field(default_factory=dict)
    agents: dict[str, str] = Field(default_factory=dict)  # Slack user id -> agent id in the data

    @property
    def is_empty(self) -> bool:
        return not (self.managers or self.leads or self.agents)


class RoleReader(Protocol):
    def get_roles(self) -> Roles | None: ...


class RoleStore(RoleReader, Protocol):
    def put_roles(self, roles: Roles) -> None: ...


NO_ROLES = (
    "No roles are configured yet, so I can't show any figures. An admin can set them with "
    "`cx roles set --manager <user id>` (managers, team leads and agents)."
)


class Refused(Exception):
    """A polite refusal: said to the user instead of any data."""


@dataclass(frozen=True)
class Viewer:
    user_id: str
    role: str  # manager | lead | agent
    teams: tuple[str, ...] = ()
    agent_id: str | None = None


def viewer(roles: Roles | None, user_id: str) -> Viewer:
    if roles is None or roles.is_empty:
        raise Refused(NO_ROLES)
    if user_id in roles.managers:
        return Viewer(user_id, "manager")
    if user_id in roles.leads:
        return Viewer(user_id, "lead", teams=tuple(roles.leads[user_id]))
    if user_id in roles.agents:
        return Viewer(user_id, "agent", agent_id=roles.agents[user_id])
    raise Refused("You don't have a CX reporting role yet. Ask your support manager to add you.")


def allowed_slice(who: Viewer, asked: Slice) -> Slice:
    """The slice a viewer may read for what they asked: their own share of it, or a refusal."""
    if who.role == "manager":
        return asked
    own_dimension, own = ("team", who.teams) if who.role == "lead" else ("agent", (who.agent_id or "",))
    if asked.is_all:
        return Slice(own_dimension, own)
    if asked.dimension == own_dimension and set(asked.values) <= set(own):
        return asked
    whose = "your teams'" if who.role == "lead" else "your own"
    raise Refused(f"Sorry, you can only see {whose} figures ({', '.join(own)}); I can't show {asked.describe()}.")


def allowed_cell(who: Viewer, asked: Cell) -> Cell:
    """Two filters: a manager any; a lead only with one of their teams among them, an agent only with themself."""
    if who.role == "manager":
        return asked
    own_dimension, own = ("team", who.teams) if who.role == "lead" else ("agent", (who.agent_id or "",))
    if any(d == own_dimension and v in own for d, v in asked.filters):
        return asked
    whose = "your teams'" if who.role == "lead" else "your own"
    raise Refused(f"Sorry, you can only see {whose} figures ({', '.join(own)}); I can't show {asked.describe()}.")


def may_rate(who: Viewer, team: str | None, agent: str | None) -> bool:
    """A reviewer's label for a conversation they may see and is not their own (it would grade themselves)."""
    own = who.agent_id is not None and who.agent_id == agent
    return not own and may_see_case(who, {team} if team else set(), {agent} if agent else set())


def may_see_case(who: Viewer, teams: set[str], agents: set[str]) -> bool:
    if who.role == "manager":
        return True
    if who.role == "lead":
        return bool(teams & set(who.teams))
    return who.agent_id in agents


__all__ = [
    "EVERYTHING",
    "NO_ROLES",
    "Refused",
    "RoleStore",
    "Roles",
    "Viewer",
    "allowed_cell",
    "allowed_slice",
    "may_rate",
    "may_see_case",
    "viewer",
]
