"""Agents by the name people read, not the id the data carries.

An agent id in the data is a Slack user's when the roles map that user to it (`cx roles set --agent U…=id`) or
when it is a Slack user id itself (as in the demo); that user's Slack name is the agent's name. Anything else
keeps its id: nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from cx.explain import Explanation
from cx.explain.drilldown import Cause
from cxbot.people import SlackPeople
from cxbot.services import BotServices

Names = Mapping[str, str]  # agent id -> name


def agent_names(services: BotServices, people: SlackPeople | None, agent_ids: Iterable[str]) -> dict[str, str]:
    """The names of those of ``agent_ids`` that are Slack users (through the roles, or by their own id)."""
    if people is None:
        return {}
    roles = services.roles.get_roles() if services.roles else None
    user_of = {agent: user for user, agent in roles.agents.items()} if roles else {}
    wanted = {agent: user_of.get(agent, agent) for agent in set(agent_ids) if agent}
    found = people.names(wanted.values())
    return {agent: found[user] for agent, user in wanted.items() if user in found}


def _where(where: tuple[tuple[str, str], ...], names: Names) -> tuple[tuple[str, str], ...]:
    return tuple((d, names.get(v, v) if d == "agent" else v) for d, v in where)


def _cause(c: Cause, names: Names) -> Cause:
    mover = names.get(c.mover, c.mover) if c.dimension == "agent" and c.mover else c.mover
    found_in = _where(c.found_in, names) if c.found_in is not None else None
    return replace(c, where=_where(c.where, names), mover=mover, found_in=found_in)


def agents_in(e: Explanation) -> set[str]:
    """Every agent id an explanation names: in its filters, its causes' segments and its mix movers."""
    wheres = [e.filters, *(c.where for c in e.causes), *(c.found_in or () for c in e.causes)]
    ids = {v for where in wheres for d, v in where if d == "agent"}
    return ids | {c.mover for c in e.causes if c.dimension == "agent" and c.mover}


def named_explanation(e: Explanation, names: Names) -> Explanation:
    """The explanation with each agent it names by name, for every line that shows it."""
    if not names:
        return e
    return replace(e, causes=[_cause(c, names) for c in e.causes], filters=_where(e.filters, names))
