"""A coaching plan as blocks: the daily DM and `/cx plans view` (start, now, target, days left, actions to tick),
the list of plans, and the progress chart."""

from __future__ import annotations

import json
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from cx.coaching.plan import HELP_KINDS, CoachingPlan, PlanStatus
from cxbot.charts.line import Level, LineChart, Series
from cxbot.render.fields import labelled_fields
from cxbot.render.mrkdwn import esc, mention

DONE_ACTION = "plan_action_done"
VIEW_ACTION = "plan_view"
CLOSE_ACTION = "plan_close"


def _days_left(plan: CoachingPlan, today: date) -> str:
    left = plan.days_left(today)
    if left > 0:
        return f"{left} days"
    return "due today" if left == 0 else f"overdue by {-left} days"


def plan_text(plan: CoachingPlan, today: date) -> str:
    m = plan.metric
    return (
        f"Coaching plan on {esc(plan.inquiry)} ({plan.metric_label}): start {m.show(plan.start_value)}, "
        f"now {m.show(plan.now_value)}, "
        f"target {m.show(plan.target_value)}, {_days_left(plan, today)}"
    )


def plan_blocks(plan: CoachingPlan, today: date, contacts: int | None = None, tickable: bool = True) -> list[Block]:
    m = plan.metric
    status = {
        PlanStatus.ACTIVE: "overdue" if plan.is_overdue(today) else "active",
        PlanStatus.ACHIEVED: f"achieved on {plan.achieved_on:%d %b %Y}" if plan.achieved_on else "achieved",
        PlanStatus.CLOSED: "closed",
    }[plan.status]
    now_note = f" (last {contacts} contacts)" if contacts else " (your 20 most recent contacts)"
    blocks: list[Block] = [
        HeaderBlock(text=f"Coaching plan: {plan.inquiry}"),
        labelled_fields(
            [
                ("Metric", plan.metric_label),
                ("Status", status),
                ("Start", m.show(plan.start_value)),
                ("Now", f"{m.show(plan.now_value)}{now_note}"),
                ("Target", f"{m.show(plan.target_value)} (+{plan.improvement_pct}%)"),
                ("Days left", f"{_days_left(plan, today)} (by {plan.due:%d %b %Y})"),
            ]
        ),
    ]
    for n, action in enumerate(plan.actions):
        done = f"~{esc(action.text)}~ ✅ done {action.done_on:%d %b}" if action.done_on else f"☐ {esc(action.text)}"
        accessory = None
        if tickable and action.done_on is None and plan.status is not PlanStatus.CLOSED:
            value = json.dumps({"p": plan.id, "a": n}, separators=(",", ":"))
            accessory = ButtonElement(text="Mark done", action_id=f"{DONE_ACTION}:{n}", value=value)
        blocks.append(SectionBlock(block_id=f"action-{n}", text=MarkdownTextObject(text=done), accessory=accessory))
    wanted = [HELP_KINDS.get(h, h) for h in plan.help] + ([plan.help_note] if plan.help_note else [])
    notes = [f"Help asked for: {esc(', '.join(wanted))}." if wanted else "", f"Plan `{esc(plan.id)}`."]
    if plan.closed_note:
        notes.append(plan.closed_note)  # composed by close_plan: a mention and the closer's escaped note
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=" ".join(n for n in notes if n))]))
    return blocks


def plans_blocks(plans: list[CoachingPlan], today: date) -> list[Block]:
    if not plans:
        return [SectionBlock(text=MarkdownTextObject(text="No coaching plans yet."))]
    blocks: list[Block] = [HeaderBlock(text="Coaching plans")]
    for plan in sorted(plans, key=lambda p: (p.status is PlanStatus.CLOSED, p.due)):
        m = plan.metric
        line = (
            f"{mention(plan.slack_user)} · *{esc(plan.inquiry)}* · {plan.metric_label}: {m.show(plan.start_value)} → "
            f"{m.show(plan.now_value)} (target {m.show(plan.target_value)}) · {plan.status.value} · "
            f"due {plan.due:%d %b}"
        )
        blocks.append(SectionBlock(block_id=f"plan-{plan.id}", text=MarkdownTextObject(text=line)))
        buttons = [ButtonElement(text="View", action_id=VIEW_ACTION, value=plan.id)]
        if plan.status is not PlanStatus.CLOSED:
            buttons.append(ButtonElement(text="Close", action_id=CLOSE_ACTION, value=plan.id, style="danger"))
        blocks.append(ActionsBlock(block_id=f"plan-buttons-{plan.id}", elements=buttons))
    return blocks


def progress_chart(plan: CoachingPlan) -> LineChart:
    """From the plan's first day to its due date, so the first day's one point reads "started today"."""
    m = plan.metric
    points = [(p.day, p.value / 60 if m.value == "handle_time" else p.value) for p in plan.progress]
    first = plan.created_at.date()
    days = {p.day for p in plan.progress}
    started = "today" if days <= {first} else f"on {first:%d %b}"
    notes = (f"Started {started}: one point so far, one more each day the plan runs",) if len(days) <= 1 else ()
    scale = 1 / 60 if m.value == "handle_time" else 1.0
    y_range = {"cx": (1.0, 5.0), "resolution": (0.0, 1.0)}.get(m.value)
    return LineChart(
        title=f"{plan.inquiry}: {plan.metric_label.lower()}",
        series=[Series("now (20 most recent)", points)],
        y_label="minutes" if m.value == "handle_time" else m.label,
        levels=[
            Level(plan.start_value * scale, f"start {m.show(plan.start_value)}"),
            Level(plan.target_value * scale, f"target {m.show(plan.target_value)}"),
        ],
        y_range=y_range,
        size_inches=(5.0, 2.4),
        x_range=(min(first, *days) if days else first, max(plan.due, *days) if days else plan.due),
        notes=notes,
    )
