"""A coaching plan and the rules it keeps: target from start and improvement, achieved, overdue, closing."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from cx.performance.metrics import Metric

MIN_IMPROVEMENT, MAX_IMPROVEMENT = 5, 50
MIN_ACTIONS, MAX_ACTIONS = 1, 3
MIN_HELP, MAX_HELP = 1, 3
HELP_KINDS: dict[str, str] = {
    "shadow": "Shadow a top agent on this inquiry",
    "review": "Review my conversations together",
    "knowledge": "Point me to knowledge articles / training",
    "roleplay": "Role-play difficult conversations",
}


class PlanStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    CLOSED = "closed"


class PlanAction(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str = Field(min_length=1, max_length=300)
    done_on: date | None = None


class ProgressPoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    day: date
    value: float


def target_for(metric: Metric, start: float, improvement_pct: int) -> float:
    """``improvement_pct`` better than ``start`` (lower for handle time), kept within what the metric can reach."""
    factor = improvement_pct / 100
    if metric.higher_is_better:
        target = start * (1 + factor) if start > 0 else factor * (metric.limits[1] or 1.0)
    else:
        target = start * (1 - factor)
    low, high = metric.limits
    return min(max(target, low), high) if high is not None else max(target, low)


def reached(metric: Metric, value: float, target: float) -> bool:
    return value >= target - 1e-9 if metric.higher_is_better else value <= target + 1e-9


def plan_id(agent_id: str, inquiry: str, created_at: datetime) -> str:
    tag = hashlib.sha256(f"{agent_id}|{inquiry}".encode()).hexdigest()[:6]
    return f"{created_at:%Y%m%d-%H%M%S}-{tag}"


class CoachingPlan(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    agent_id: str  # the agent id in the data
    slack_user: str  # who receives the daily DM
    team: str | None = None
    inquiry: str
    metric: Metric
    channel: str | None = None  # handle time: the one channel it is tracked on (None: a plan from before)
    improvement_pct: int = Field(ge=MIN_IMPROVEMENT, le=MAX_IMPROVEMENT)
    start_value: float
    target_value: float
    created_at: datetime
    due: date
    actions: list[PlanAction] = Field(min_length=MIN_ACTIONS, max_length=MAX_ACTIONS)
    help: list[str] = Field(default_factory=list)
    help_note: str | None = None
    status: PlanStatus = PlanStatus.ACTIVE
    achieved_on: date | None = None
    closed_note: str | None = None
    progress: list[ProgressPoint] = Field(default_factory=list)
    version: int = 0

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def is_overdue(self, today: date) -> bool:
        return self.status is PlanStatus.ACTIVE and today > self.due

    @property
    def metric_label(self) -> str:
        """ "Average handle time on chat": the metric as tracked."""
        return self.metric.label + (f" on {self.channel}" if self.channel else "")

    @property
    def now_value(self) -> float | None:
        return self.progress[-1].value if self.progress else None

    def with_progress(self, day: date, value: float) -> CoachingPlan:
        points = [p for p in self.progress if p.day != day] + [ProgressPoint(day=day, value=value)]
        changes: dict[str, object] = {"progress": points}
        if self.status is PlanStatus.ACTIVE and reached(self.metric, value, self.target_value):
            changes |= {"status": PlanStatus.ACHIEVED, "achieved_on": day}
        return self.model_copy(update=changes)

    def with_action_done(self, index: int, day: date) -> CoachingPlan:
        if not 0 <= index < len(self.actions):
            raise ValueError(f"plan {self.id} has no action {index + 1}")
        actions = list(self.actions)
        actions[index] = actions[index].model_copy(update={"done_on": actions[index].done_on or day})
        return self.model_copy(update={"actions": actions})

    def closed(self, note: str) -> CoachingPlan:
        return self.model_copy(update={"status": PlanStatus.CLOSED, "closed_note": note})
