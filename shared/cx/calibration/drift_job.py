"""The weekly drift check: score shift per channel and journey, scorer changes and promotions, agreement on
recent labels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol

from cx.calibration.drift import DriftReport, DriftThresholds, Observation, drift_report, week_before
from cx.calibration.policy import CalibrationPolicy
from cx.calibration.promotion import Promotion
from cx.calibration.report import CalibrationReport, calibration_report
from cx.calibration.samples import from_storage
from cx.ports import ConversationStore, EvaluationHistory, LabelStore

RECENT_LABEL_DAYS = 28


class ObservationSource(Protocol):
    def between(self, start: date, end: date) -> Iterable[Observation]:
        """The evaluated conversations of local days ``start`` .. ``end``, read by day."""
        ...


def recent_agreement(
    labels: LabelStore,
    conversations: ConversationStore,
    history: EvaluationHistory,
    policy: CalibrationPolicy,
    now: datetime,
    days: int = RECENT_LABEL_DAYS,
) -> CalibrationReport | None:
    """Agreement on the labels given in the last ``days`` days; None when there are none to pair."""
    cutoff = now - timedelta(days=days)
    recent = labels.labels_since(cutoff, now)
    samples = from_storage(recent, conversations, history)
    if not samples.samples:
        return None
    return calibration_report(samples.scorer, samples.samples, policy, disputed=5, left_out=samples.left_out, draws=0)


def weekly_drift(
    observations: ObservationSource,
    today: date,
    thresholds: DriftThresholds,
    policy: CalibrationPolicy,
    recent: CalibrationReport | None,
    promotions: Sequence[Promotion] = (),
    tz: tzinfo | None = None,
) -> DriftReport:
    """Last week, Monday to Sunday (as `/cx … last-week`), against the weeks before it; the promotions
    recorded in those weeks are named by version."""
    _, end = week_before(today)
    start = end - timedelta(days=7 * (thresholds.baseline_weeks + 1) - 1)
    kappa = next((t.minimum for t in policy.targets if t.metric == "kappa"), None)
    named = [
        f"{p.at.astimezone(tz).date() if tz else p.at.date():%d %b} {p.by} promoted {p.previous or '?'} → {p.scorer}"
        for p in promotions
        if start <= (p.at.astimezone(tz).date() if tz else p.at.date()) <= today
    ]
    return drift_report(observations.between(start, end), end, thresholds, recent, kappa, named)
