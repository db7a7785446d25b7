"""What a user's Home tab shows, through the same access decision as every `/cx` answer."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

from cx.access import Refused
from cx.coaching.access import may_see_plan
from cx.performance.report import agent_performance
from cx.ranges import parse_range
from cxbot.answers.load import load_journeys, who_asks
from cxbot.command_text import PERFORMANCE_RANGE
from cxbot.navigation import View
from cxbot.render.home import HOME_RANGE, agent_home, journeys_home, refreshed_note
from cxbot.render.mrkdwn import esc
from cxbot.services import BotServices


def home_blocks(services: BotServices, user_id: str) -> list[Block]:
    """Managers: every journey; leads: their teams; agents: their own figures and plans; anyone else: why not."""
    now = services.clock().astimezone(services.tz)
    try:
        who = who_asks(services, user_id)
    except Refused as exc:
        return [SectionBlock(text=MarkdownTextObject(text=esc(str(exc))))]
    if who.role in ("manager", "lead"):
        report = load_journeys(View("journeys", HOME_RANGE), services, who)
        whose = "Every journey" if who.role == "manager" else f"Your teams ({esc(', '.join(who.teams))})"
        blocks = journeys_home("CX this week", report, whose)
    else:
        if services.performance is None:
            return [SectionBlock(text=MarkdownTextObject(text="Agent figures aren't available here."))]
        period = parse_range(PERFORMANCE_RANGE, now, services.tz)
        report_a = agent_performance(services.performance, who.agent_id or "", period)
        plans = [p for p in services.plans.all_plans() if may_see_plan(who, p)] if services.plans else []
        blocks = agent_home(report_a, plans, now.date())
    return [*blocks, refreshed_note(f"{now:%a %d %b %H:%M}")]
