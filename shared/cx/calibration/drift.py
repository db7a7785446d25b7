"""Drift: has the score distribution of a channel or journey moved against its baseline, and did the scorer change?"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from cx.calibration.report import CalibrationReport
from cx.calibration.stats import chi_square_homogeneity, psi


@dataclass(frozen=True)
class Observation:
    """One evaluated conversation: its day (workspace time), where it belongs, its score and scorer version."""

    day: date
    channel: str
    journey: str | None
    score: int
    scorer: str


@dataclass(frozen=True)
class DriftThresholds:
    psi_alert: float = 0.2  # the usual reading: < 0.1 stable, 0.1-0.2 some shift, > 0.2 a real shift
    p_alert: float = 0.01
    min_count: int = 30  # fewer evaluations in either window: reported, never alerted on
    min_labels: int = 10  # fewer recently labelled conversations: agreement reported, never alerted on
    current_days: int = 7
    baseline_days: int = 28


@dataclass(frozen=True)
class Shift:
    dimension: str
    value: str
    baseline: tuple[int, ...]  # histogram of scores 1-5
    current: tuple[int, ...]
    psi: float
    p_value: float
    alert: bool

    @staticmethod
    def mean(histogram: Sequence[int]) -> float:
        n = sum(histogram)
        return sum(s * c for s, c in enumerate(histogram, start=1)) / n if n else math.nan


@dataclass(frozen=True)
class VersionChange:
    day: date  # first day the new version scored anything
    before: str
    after: str


@dataclass(frozen=True)
class DriftReport:
    baseline: tuple[date, date]
    current: tuple[date, date]
    shifts: list[Shift]
    changes: list[VersionChange]
    recent: CalibrationReport | None = None  # agreement on the most recent labels
    alerts: list[str] = field(default_factory=list)


def _histogram(scores: Iterable[int]) -> tuple[int, ...]:
    counts = [0] * 5
    for score in scores:
        counts[score - 1] += 1
    return tuple(counts)


def version_changes(observations: Sequence[Observation]) -> list[VersionChange]:
    """Each day a scorer version scored for the first time after another had been scoring."""
    changes: list[VersionChange] = []
    first_seen: dict[str, date] = {}
    for o in sorted(observations, key=lambda o: o.day):
        first_seen.setdefault(o.scorer, o.day)
    ordered = sorted(first_seen.items(), key=lambda item: item[1])
    for (before, _), (after, day) in pairwise(ordered):
        changes.append(VersionChange(day, before, after))
    return changes


def drift_report(
    observations: Iterable[Observation],
    end: date,
    thresholds: DriftThresholds = DriftThresholds(),
    recent: CalibrationReport | None = None,
    kappa_target: float | None = None,
) -> DriftReport:
    t = thresholds
    current = (end - timedelta(days=t.current_days - 1), end)
    baseline = (current[0] - timedelta(days=t.baseline_days), current[0] - timedelta(days=1))
    kept = [o for o in observations if baseline[0] <= o.day <= end]
    shifts: list[Shift] = []
    for dimension in ("channel", "journey"):
        for value in sorted({v for o in kept if (v := getattr(o, dimension))}):
            mine = [o for o in kept if getattr(o, dimension) == value]
            before = _histogram(o.score for o in mine if o.day < current[0])
            after = _histogram(o.score for o in mine if o.day >= current[0])
            index, (_, _, p_value) = psi(before, after), chi_square_homogeneity(before, after)
            enough = min(sum(before), sum(after)) >= t.min_count
            alert = enough and (index >= t.psi_alert or p_value < t.p_alert)
            shifts.append(Shift(dimension, value, before, after, index, p_value, alert))
    changes = version_changes(kept)
    alerts = [
        f"{s.dimension} {s.value}: average {Shift.mean(s.baseline):.2f} → {Shift.mean(s.current):.2f}, "
        f"PSI {s.psi:.2f}, p = {s.p_value:.3g}"
        for s in shifts
        if s.alert
    ]
    alerts += [f"scorer changed on {c.day:%d %b}: {c.before} → {c.after}" for c in changes]
    measured = recent is not None and recent.overall.n >= t.min_labels
    if recent is not None and measured and kappa_target is not None and not recent.overall.kappa >= kappa_target:
        alerts.append(
            f"agreement on recent labels: kappa {recent.overall.kappa:.2f} below the target {kappa_target:.2f}"
        )
    return DriftReport(baseline, current, shifts, changes, recent, alerts)
