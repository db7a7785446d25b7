"""The daily run: each active plan's agent gets one progress DM a day; their lead hears once when a plan is
achieved and once when it is overdue; a plan whose agent left the workspace is closed with a note.

Exactly once a day per plan, retries included: a (plan, day) claim is written conditionally before the DM
is sent, and released when sending fails so that the retry sends it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from cx.access import Roles
from cx.coaching.plan import CoachingPlan, PlanStatus
from cx.coaching.ports import LeadsOf, Messenger, PlanStore
from cx.coaching.values import now_value
from cx.performance.rows import PerformanceRows

log = logging.getLogger(__name__)


@dataclass
class DailyReport:
    sent: list[str] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    leads_told: list[tuple[str, str]] = field(default_factory=list)  # (plan id, achieved | overdue)
    failed: list[str] = field(default_factory=list)


def leads_of_team(roles: Roles | None) -> LeadsOf:
    """The Slack users who lead a team, from the roles configuration."""
    leads = roles.leads if roles else {}
    return lambda team: sorted(user for user, teams in leads.items() if team is not None and team in teams)


def left_note(plan: CoachingPlan, today: date) -> str:
    return f"Closed on {today.isoformat()}: <@{plan.slack_user}> is no longer in the Slack workspace (deactivated)."


def _tell_leads(plan: CoachingPlan, event: str, store: PlanStore, messenger: Messenger, leads_of: LeadsOf) -> bool:
    if not store.claim(plan.id, f"lead#{event}"):
        return False
    if event == "achieved":
        text = f"<@{plan.slack_user}> achieved their coaching plan on *{plan.inquiry}* ({plan.metric_label}): "
        text += f"{plan.metric.show(plan.now_value)} against a target of {plan.metric.show(plan.target_value)}."
    else:
        text = f"<@{plan.slack_user}>'s coaching plan on *{plan.inquiry}* ({plan.metric_label}) passed its date "
        text += f"{plan.due.isoformat()}: now {plan.metric.show(plan.now_value)}, "
        text += f"target {plan.metric.show(plan.target_value)}."
    for lead in leads_of(plan.team):
        messenger.tell(lead, text)
    return True


def _progress(today: date, value: float) -> Callable[[CoachingPlan], CoachingPlan]:
    return lambda plan: plan.with_progress(today, value)


def run_daily(
    store: PlanStore, rows: PerformanceRows, messenger: Messenger, leads_of: LeadsOf, today: date
) -> DailyReport:
    report = DailyReport()
    for plan in store.all_plans():
        if plan.status is not PlanStatus.ACTIVE:
            continue
        if not messenger.is_active(plan.slack_user):
            store.update(plan.id, lambda p: p.closed(left_note(p, today)))
            report.closed.append(plan.id)
            continue
        day_claim = f"dm#{today.isoformat()}"
        if not store.claim(plan.id, day_claim):
            report.already_sent.append(plan.id)
            continue
        value, contacts = now_value(rows, plan.agent_id, plan.inquiry, plan.metric, plan.channel)
        updated = plan if value is None else store.update(plan.id, _progress(today, value))
        try:
            messenger.send_progress(updated, today, contacts)
        except Exception:
            log.exception("progress DM failed", extra={"operation": "coaching_daily", "plan": plan.id})
            store.release(plan.id, day_claim)
            report.failed.append(plan.id)
            continue
        report.sent.append(plan.id)
        event = (
            "achieved" if updated.status is PlanStatus.ACHIEVED else "overdue" if updated.is_overdue(today) else None
        )
        if event and _tell_leads(updated, event, store, messenger, leads_of):
            report.leads_told.append((plan.id, event))
    return report
