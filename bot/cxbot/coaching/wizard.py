"""One wizard step submitted: validate it (errors go back into the modal) and build the next step, or the plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from slack_sdk.models.views import View

from cx.coaching.plan import (
    HELP_KINDS,
    MAX_HELP,
    MAX_IMPROVEMENT,
    MIN_IMPROVEMENT,
    CoachingPlan,
    PlanAction,
    target_for,
)
from cx.coaching.plan import plan_id as new_plan_id
from cx.coaching.values import START_DAYS, handle_channel, start_value
from cx.performance.handle_time import channel_of
from cx.performance.metrics import Metric, parse_metric
from cx.performance.rows import PerformanceRows, inquiry_rows, recent_contacts
from cxbot.coaching.draft import Draft
from cxbot.render import coaching_wizard as steps

MAX_DAYS_AHEAD = 365
POOR_EXAMPLES = 3


@dataclass(frozen=True)
class Outcome:
    """What to answer: the next view, errors for the modal, or a finished plan (the modal closes)."""

    view: View | None = None
    errors: dict[str, str] = field(default_factory=dict)
    plan: CoachingPlan | None = None


def _input(values: dict[str, Any], block: str) -> dict[str, Any]:
    return values.get(block, {}).get(block) or {}


def _text(values: dict[str, Any], block: str) -> str:
    return str(_input(values, block).get("value") or "").strip()


def _chosen(values: dict[str, Any], block: str) -> list[str]:
    return [o["value"] for o in _input(values, block).get("selected_options") or []]


def _metric_done(draft: Draft, values: dict[str, Any], rows: PerformanceRows, agent: str, today: date) -> Outcome:
    selected = (_input(values, "metric").get("selected_option") or {}).get("value", "")
    try:
        metric = parse_metric(selected)
    except ValueError:
        return Outcome(errors={"metric": "Choose a metric to improve."})
    # handle time is tracked on one channel (a chat's minutes are no target for an e-mail): the busiest one
    channel = handle_channel(rows, agent, draft.inquiry, today) if metric is Metric.HANDLE_TIME else None
    start = start_value(rows, agent, draft.inquiry, metric, today, channel)
    if start is None:
        problem = f"You have no {metric.label.lower()} figures on {draft.inquiry} in the {START_DAYS} days before today"
        return Outcome(errors={"metric": f"{problem}; choose another metric."})
    return Outcome(steps.target_step(draft.at("target", metric=metric, channel=channel, start=start), today))


def _target_done(draft: Draft, values: dict[str, Any], rows: PerformanceRows, agent: str, today: date) -> Outcome:
    errors = {}
    text = _text(values, "improvement")
    improvement = int(text) if text.isdigit() else None
    if improvement is None or not MIN_IMPROVEMENT <= improvement <= MAX_IMPROVEMENT:
        errors["improvement"] = f"Choose a whole number from {MIN_IMPROVEMENT} to {MAX_IMPROVEMENT} (%)."
    picked = _input(values, "due").get("selected_date")
    due = date.fromisoformat(picked) if picked else None
    if due is None or due <= today:
        errors["due"] = "Pick a date after today."
    elif due > today + timedelta(days=MAX_DAYS_AHEAD):
        errors["due"] = "Pick a date within a year (2 weeks to 3 months works best)."
    if errors or improvement is None:
        return Outcome(errors=errors)
    target = target_for(draft.metric, draft.start or 0.0, improvement)
    recent = [c for c in recent_contacts(rows, agent, draft.inquiry) if c.value(draft.metric) is not None]
    if draft.channel is not None:
        recent = [c for c in recent if channel_of(c.counts) == draft.channel]
    poor = sorted(recent, key=lambda c: c.value(draft.metric) or 0.0, reverse=not draft.metric.higher_is_better)
    nxt = draft.at("review", improvement=improvement, due=due, target=target)
    return Outcome(steps.review_step(nxt, poor[:POOR_EXAMPLES]))


def _review_done(draft: Draft, values: dict[str, Any]) -> Outcome:
    actions = [a for n in (1, 2, 3) if (a := _text(values, f"action_{n}"))]
    if not actions:
        return Outcome(errors={"action_1": "Write at least one thing you will do."})
    return Outcome(steps.help_step(draft.at("help", actions=actions)))


def _help_done(draft: Draft, values: dict[str, Any]) -> Outcome:
    wanted = [h for h in _chosen(values, "help") if h in HELP_KINDS]
    note = _text(values, "help_note") or None
    count = len(wanted) + (1 if note else 0)
    if count == 0:
        return Outcome(errors={"help": "Choose at least one kind of help, or write your own below."})
    if count > MAX_HELP:
        return Outcome(errors={"help": f"Choose at most {MAX_HELP} in all (you chose {count}, your own included)."})
    return Outcome(steps.summary_step(draft.at("summary", help=wanted, note=note)))


def _commit(
    draft: Draft, values: dict[str, Any], rows: PerformanceRows, agent: str, user: str, now: datetime, today: date
) -> Outcome:
    if "yes" not in _chosen(values, "commit"):
        return Outcome(errors={"commit": f"Tick '{steps.COMMIT_TEXT}' to start the plan."})
    start = start_value(rows, agent, draft.inquiry, draft.metric, today, draft.channel)
    if start is None or draft.improvement is None or draft.due is None:
        return Outcome(errors={"commit": "This plan has no start value any more; close and start again."})
    team = inquiry_rows(rows, draft.inquiry, today - timedelta(days=START_DAYS), today).team_of.get(agent)
    plan = CoachingPlan(
        id=new_plan_id(agent, draft.inquiry, now),
        agent_id=agent,
        slack_user=user,
        team=team,
        inquiry=draft.inquiry,
        metric=draft.metric,
        channel=draft.channel,
        improvement_pct=draft.improvement,
        start_value=start,
        target_value=target_for(draft.metric, start, draft.improvement),
        created_at=now,
        due=draft.due,
        actions=[PlanAction(text=a) for a in draft.actions],
        help=draft.help,
        help_note=draft.note,
    )
    return Outcome(plan=plan)


def advance(
    draft: Draft, values: dict[str, Any], rows: PerformanceRows, agent: str, user: str, now: datetime, today: date
) -> Outcome:
    if draft.step == "metric":
        return _metric_done(draft, values, rows, agent, today)
    if draft.step == "target":
        return _target_done(draft, values, rows, agent, today)
    if draft.step == "review":
        return _review_done(draft, values)
    if draft.step == "help":
        return _help_done(draft, values)
    return _commit(draft, values, rows, agent, user, now, today)
