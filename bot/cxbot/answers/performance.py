"""`/cx me` and `/cx agent @user` as a reply, within what the asker's role allows."""

from __future__ import annotations

from cx.access import Refused
from cx.performance.access import check_team, subject
from cx.performance.report import agent_performance
from cx.ranges import RangeError, parse_range
from cxbot.answers.load import who_asks
from cxbot.answers.names import agent_names
from cxbot.answers.show import Reply, problem
from cxbot.answers.slices import filter_value
from cxbot.command_text import PerformanceQuery
from cxbot.people import SlackPeople
from cxbot.render.performance import performance_blocks, performance_text
from cxbot.services import BotServices


def performance_reply(
    query: PerformanceQuery, services: BotServices, user_id: str, people: SlackPeople | None = None
) -> Reply:
    try:
        who = who_asks(services, user_id)
        roles = services.roles.get_roles() if services.roles else None
        asked = filter_value("agent", query.user) if query.user else None
        agent = subject(who, roles, asked)
        if services.performance is None:
            return problem("Agent performance isn't available here: no aggregates store.")
        period = parse_range(query.range_text, services.clock(), services.tz)
        report = agent_performance(services.performance, agent, period)
        name = agent_names(services, people, [agent]).get(agent)
        check_team(who, agent, report.team, name)
    except (Refused, RangeError) as exc:
        return problem(str(exc))
    own = who.role == "agent" and agent == who.agent_id
    return Reply(performance_text(report, name), performance_blocks(report, own=own, name=name))
