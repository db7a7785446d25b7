"""The weekly drift check: score shift per channel and journey, scorer changes, agreement on recent labels."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Protocol

from cx.calibration.drift import DriftReport, DriftThresholds, Observation, drift_report
from cx.calibration.policy import CalibrationPolicy
from cx.calibration.report import CalibrationReport, calibration_report
from cx.calibration.samples import from_storage
from cx.ports import ConversationStore, EvaluationHistory, LabelStore

RECENT_LABEL_DAYS = 28


class ObservationSource(Protocol):
    def since(self, start: date) -> Iterable[Observation]: ...


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
    recent = [label for label in labels.scan_labels() if label.labelled_at and label.labelled_at >= cutoff]
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
) -> DriftReport:
    """The week to yesterday against the weeks before it."""
    end = today - timedelta(days=1)
    start = end - timedelta(days=thresholds.current_days + thresholds.baseline_days)
    kappa = next((t.minimum for t in policy.targets if t.metric == "kappa"), None)
    return drift_report(observations.since(start), end, thresholds, recent, kappa)
