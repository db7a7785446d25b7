"""Drift: has the score distribution of a channel or journey moved against its baseline, and did the scorer change?

The week is last week, Monday to Sunday (as `/cx … last-week`); the baseline the four weeks before it.
Each slice is tested with the merged-bins test of ``drift_test`` and the week's tests are corrected
together (Holm), so that a week with nothing changed alerts with probability at most ``alpha``.
When a journey and a channel both move, ``drift_cause`` says which one explains the other.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise

from cx.calibration.drift_test import holm, sparse_safe_test
from cx.calibration.report import CalibrationReport
from cx.scoring.versions import titles

DIMENSIONS = ("journey", "channel")


@dataclass(frozen=True)
class Observation:
    """One evaluated conversation: its day (workspace time), where it belongs, its score and scorer version."""

    day: date
    channel: str
    journey: str | None
    score: int
    scorer: str  # the scorer label (aggregation.contribution.scorer_label)


@dataclass(frozen=True)
class DriftThresholds:
    alpha: float = 0.02  # the chance of any false alert in a week with nothing changed (about one a year)
    min_count: int = 30  # fewer evaluations in either window: reported, never tested or alerted on
    min_labels: int = 10  # fewer recently labelled conversations: agreement reported, never alerted on
    baseline_weeks: int = 4


@dataclass(frozen=True)
class Shift:
    dimension: str
    value: str
    baseline: tuple[int, ...]  # histogram of scores 1-5
    current: tuple[int, ...]
    psi: float  # on the merged bins
    p_value: float  # the slice's own test (nan: too few to test)
    alert: bool = False
    p_adjusted: float = math.nan  # Holm-adjusted over the week's slices
    explained_by: str | None = None  # "journey billing": without it this slice does not move
    share_explained: float | None = None  # of this slice's change of average, by explained_by (shift-share)

    @staticmethod
    def mean(histogram: Sequence[int]) -> float:
        n = sum(histogram)
        return sum(s * c for s, c in enumerate(histogram, start=1)) / n if n else math.nan

    @property
    def name(self) -> str:
        return f"{self.dimension} {self.value}"

    @property
    def tested(self) -> bool:
        return not math.isnan(self.p_value)


@dataclass(frozen=True)
class VersionChange:
    day: date  # first day the new version scored anything
    before: str
    after: str

    def describe(self) -> str:
        before, after = titles([self.before], [self.after])
        return f"{before} → {after}"


@dataclass(frozen=True)
class DriftReport:
    baseline: tuple[date, date]
    current: tuple[date, date]
    shifts: list[Shift]
    changes: list[VersionChange]
    recent: CalibrationReport | None = None  # agreement on the most recent labels
    alerts: list[str] = field(default_factory=list)
    alpha: float = DriftThresholds.alpha
    promotions: list[str] = field(default_factory=list)  # `cx promote` records in the two windows

    @property
    def tested(self) -> int:
        return sum(s.tested for s in self.shifts)


def histogram(scores: Iterable[int]) -> tuple[int, ...]:
    counts = [0] * 5
    for score in scores:
        counts[score - 1] += 1
    return tuple(counts)


def version_changes(observations: Sequence[Observation]) -> list[VersionChange]:
    """Each day a scorer version scored for the first time after another had been scoring."""
    first_seen: dict[str, date] = {}
    for o in sorted(observations, key=lambda o: o.day):
        first_seen.setdefault(o.scorer, o.day)
    ordered = sorted(first_seen.items(), key=lambda item: item[1])
    return [VersionChange(day, before, after) for (before, _), (after, day) in pairwise(ordered)]


def week_before(today: date) -> tuple[date, date]:
    """Last week, Monday to Sunday: the same week `/cx … last-week` reports."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(days=7), monday - timedelta(days=1)


def _shift(dimension: str, value: str, mine: list[Observation], start: date, t: DriftThresholds) -> Shift:
    before = histogram(o.score for o in mine if o.day < start)
    after = histogram(o.score for o in mine if o.day >= start)
    if min(sum(before), sum(after)) < t.min_count:
        return Shift(dimension, value, before, after, math.nan, math.nan)
    p_value, index = sparse_safe_test(before, after)
    return Shift(dimension, value, before, after, index, p_value)


def drift_report(
    observations: Iterable[Observation],
    end: date,
    thresholds: DriftThresholds = DriftThresholds(),
    recent: CalibrationReport | None = None,
    kappa_target: float | None = None,
    promotions: Sequence[str] = (),
) -> DriftReport:
    """The week ending ``end`` (a Sunday for the weekly check) against the ``baseline_weeks`` before it."""
    from cx.calibration.drift_cause import explain_shifts

    t = thresholds
    current = (end - timedelta(days=6), end)
    baseline = (current[0] - timedelta(days=7 * t.baseline_weeks), current[0] - timedelta(days=1))
    kept = [o for o in observations if baseline[0] <= o.day <= end]
    shifts: list[Shift] = []
    for dimension in DIMENSIONS:
        for value in sorted({v for o in kept if (v := getattr(o, dimension))}):
            mine = [o for o in kept if getattr(o, dimension) == value]
            shifts.append(_shift(dimension, value, mine, current[0], t))
    tested = [i for i, s in enumerate(shifts) if s.tested]
    for i, adjusted in zip(tested, holm([shifts[i].p_value for i in tested]), strict=True):
        shifts[i] = replace(shifts[i], p_adjusted=adjusted, alert=adjusted < t.alpha)
    shifts = explain_shifts(shifts, kept, current[0], t)
    changes = version_changes(kept)
    causes = sorted((s for s in shifts if s.alert and s.explained_by is None), key=lambda s: s.p_value)
    alerts = [_alert_line(s, shifts) for s in causes]
    alerts += [f"scorer changed on {c.day:%d %b}: {c.describe()}" for c in changes]
    measured = recent is not None and recent.overall.n >= t.min_labels
    if recent is not None and measured and kappa_target is not None and not recent.overall.kappa >= kappa_target:
        alerts.append(
            f"agreement on recent labels: kappa {recent.overall.kappa:.2f} below the target {kappa_target:.2f}"
        )
    return DriftReport(baseline, current, shifts, changes, recent, alerts, t.alpha, list(promotions))


def _alert_line(s: Shift, shifts: Sequence[Shift]) -> str:
    line = (
        f"{s.name}: average {Shift.mean(s.baseline):.2f} → {Shift.mean(s.current):.2f}, "
        f"PSI {s.psi:.2f}, p = {s.p_value:.2g} ({s.p_adjusted:.2g} after Holm over {sum(x.tested for x in shifts)})"
    )
    echoes = [x for x in shifts if x.explained_by == s.name]
    if echoes:
        line += "; explains " + ", ".join(
            x.name + (f" ({x.share_explained:.0%} of its change)" if x.share_explained is not None else "")
            for x in echoes
        )
    return line
