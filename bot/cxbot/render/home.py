"""The app's Home tab: a manager's or lead's journeys this week against last with the movers, an agent's own
figures and coaching plans. Pure: figures in, a Home view out, within the Home tab's 100 blocks."""

from __future__ import annotations

import json
from datetime import date

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View as SlackView

from cx.coaching.plan import CoachingPlan
from cx.performance.report import AgentPerformance
from cx.reports.journeys import JourneyRow, JourneysReport
from cxbot.render.journeys import table_lines
from cxbot.render.limits import SURFACE_BLOCKS, chunk_lines, fit
from cxbot.render.mrkdwn import esc
from cxbot.render.numbers import delta, score
from cxbot.render.performance import performance_blocks

HOME_WHY_ACTION = "cx_home_why"  # value {"journey": ..., "range": ...}; the answer goes to the clicker's DM
HOME_RANGE = "this-week"
MOVERS = 3
MIN_EVALUATIONS = 5  # a mover needs at least this many evaluations this week


def movers(report: JourneysReport) -> list[JourneyRow]:
    """The journeys whose average moved most against last week, among those with enough evaluations."""
    moved = [r for r in report.rows if r.score_change() is not None and r.current.evaluations >= MIN_EVALUATIONS]
    moved.sort(key=lambda r: -abs(r.score_change() or 0.0))
    return moved[:MOVERS]


def _why_button(row: JourneyRow, i: int) -> ButtonElement:
    value = json.dumps({"journey": row.journey, "range": HOME_RANGE})
    return ButtonElement(text="Why?", action_id=f"{HOME_WHY_ACTION}:{i}", value=value)


def journeys_home(title: str, report: JourneysReport, whose: str) -> list[Block]:
    previous = report.period.previous()
    blocks: list[Block] = [
        HeaderBlock(text=title),
        ContextBlock(
            elements=[MarkdownTextObject(text=f"{whose}: *{report.period.describe()}* against {previous.describe()}")]
        ),
    ]
    if not report.rows:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="No journey has counted cases this week yet.")))
        return blocks
    blocks += [SectionBlock(text=MarkdownTextObject(text=t)) for t in chunk_lines(table_lines(report))]
    if len(report.rows) > len(table_lines(report)) - 3:
        more = f"{len(report.rows)} journeys in all: `/cx journeys {HOME_RANGE}` pages through them."
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    blocks.append(DividerBlock())
    moved = movers(report)
    if not moved:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="*Movers*\nNo journey has moved against last week.")))
        return blocks
    blocks.append(SectionBlock(text=MarkdownTextObject(text="*Movers against last week*")))
    for i, row in enumerate(moved):
        line = (
            f"*{esc(row.journey)}*: average CX {score(row.current.avg_score)} ({delta(row.score_change())}), "
            f"{row.current.evaluations} evaluations"
        )
        blocks.append(
            SectionBlock(block_id=f"mover-{i}", text=MarkdownTextObject(text=line), accessory=_why_button(row, i))
        )
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text="Why? sends you `/cx why` for that journey.")]))
    return blocks


def agent_home(report: AgentPerformance, plans: list[CoachingPlan], today: date) -> list[Block]:
    blocks = performance_blocks(report, own=True)
    blocks += [DividerBlock(), HeaderBlock(text="Your coaching plans")]
    if not plans:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="No coaching plan yet.")))
    for plan in plans:
        m = plan.metric
        progress = (
            f"start {m.show(plan.start_value)} → now {m.show(plan.now_value)} → target {m.show(plan.target_value)}"
        )
        done = sum(1 for a in plan.actions if a.done_on)
        line = (
            f"*{esc(plan.inquiry)}* ({m.label}, {plan.status.value}): {progress}; "
            f"{done} of {len(plan.actions)} actions done; due {plan.due:%d %b} ({plan.days_left(today)} days left)"
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=line)))
    return blocks


def home_view(blocks: list[Block]) -> SlackView:
    """The Home tab, cut to its 100 blocks; the refresh time says how fresh the figures are."""
    return SlackView(type="home", blocks=fit(blocks, SURFACE_BLOCKS))


def refreshed_note(when: str) -> Block:
    return ContextBlock(elements=[MarkdownTextObject(text=f"Updated {when}. It refreshes when you open it.")])
