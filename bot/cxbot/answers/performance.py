"""`/cx me` and `/cx agent @user` as a reply, within what the asker's role allows."""

from __future__ import annotations

from dataclasses import dataclass

from cx.access import Refused, viewer
from cx.performance.access import check_team, subject
from cx.performance.report import AgentPerformance, agent_performance
from cx.ranges import RangeError, parse_range
from cxbot.answers.names import agent_names
from cxbot.answers.show import Reply, problem
from cxbot.answers.slices import filter_value
from cxbot.command_text import PerformanceQuery
from cxbot.people import SlackPeople
from cxbot.render.performance import performance_blocks, performance_text
from cxbot.services import BotServices


@dataclass(frozen=True)
class Performance:
    report: AgentPerformance
    name: str | None  # the agent's name in Slack; None: shown by the data's agent id
    own: bool  # the agent looks at their own figures


def load_performance(
    query: PerformanceQuery, services: BotServices, user_id: str, people: SlackPeople | None = None
) -> Performance:
    """The agent's figures, if the asker may see them; raises Refused or RangeError saying why not."""
    roles = services.roles.get_roles() if services.roles else None  # read once: who asks, and whom they may see
    who = viewer(roles, user_id)
    asked = filter_value("agent", query.user) if query.user else None
    agent = subject(who, roles, asked)
    if services.performance is None:
        raise Refused("Agent performance isn't available here: no aggregates store.")
    period = parse_range(query.range_text, services.clock(), services.tz)
    report = agent_performance(services.performance, agent, period)
    name = agent_names(services, people, [agent]).get(agent)
    check_team(who, agent, report.team, name)
    return Performance(report, name, own=who.role == "agent" and agent == who.agent_id)


def performance_reply(
    query: PerformanceQuery, services: BotServices, user_id: str, people: SlackPeople | None = None
) -> Reply:
    try:
        found = load_performance(query, services, user_id, people)
    except (Refused, RangeError) as exc:
        return problem(str(exc))
    blocks = performance_blocks(found.report, own=found.own, name=found.name)
    return Reply(performance_text(found.report, found.name), blocks)
