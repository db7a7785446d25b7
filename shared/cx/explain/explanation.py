"""`/cx why`: is the change real, where did it happen, what changed in the conversations, is it the scorer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cx.explain.decomposition import NOT_RECORDED, Contributor, SegmentChange, contributors, decompose
from cx.explain.examples import Example
from cx.explain.reading import DIMENSIONS, Window
from cx.explain.reasons import FactorChange, factor_changes
from cx.explain.scorer_change import ScorerMix, scorer_mix
from cx.explain.significance import Significance, assess
from cx.ranges import DateRange
from cx.reports.figures import DayPoint, Figures

TOP_CONTRIBUTORS = 3
TOP_FACTORS = 3


@dataclass(frozen=True)
class AgreementNote:
    """The latest agreement of the scorer with human labels (from calibration)."""

    scorer: str
    labelled: int
    kappa: float
    target_met: bool


@dataclass(frozen=True)
class Explanation:
    scope: str  # a journey, or "all"
    period: DateRange
    significance: Significance
    contributors: list[Contributor]
    factors: list[FactorChange]
    scorer: ScorerMix
    same_version: Significance | None  # when the scorer changed and one version scored both periods
    agreement: AgreementNote | None
    daily: list[DayPoint]  # the previous period's days, then this period's
    examples: dict[str, list[Example]] = field(default_factory=dict)

    @property
    def change(self) -> float | None:
        s = self.significance
        if s.before.avg_score is None or s.after.avg_score is None:
            return None
        return s.after.avg_score - s.before.avg_score


def _segments(window: Window, dimension: str, before: Figures, after: Figures) -> list[SegmentChange]:
    slices = {value: window.both(days) for value, days in window.dimension(dimension).items()}
    if not slices:
        return []
    n0, n1 = (sum(f[i].evaluations for f in slices.values()) for i in (0, 1))
    s0, s1 = (sum(f[i].score_sum for f in slices.values()) for i in (0, 1))
    if before.evaluations - n0 > 0 or after.evaluations - n1 > 0:  # evaluations with no value for the dimension
        rest0, rest1 = _remainder(before, n0, s0), _remainder(after, n1, s1)
        slices[NOT_RECORDED] = (rest0, rest1)
    return decompose(dimension, before, after, slices)


def _remainder(whole: Figures, n: int, score_sum: float) -> Figures:
    return Figures.of({"evaluations": max(0, whole.evaluations - n), "score_sum": whole.score_sum - score_sum})


def explain(
    window: Window,
    scope: str,
    pass_threshold: int,
    agreement: AgreementNote | None = None,
    examples: Callable[[Sequence[str]], dict[str, list[Example]]] | None = None,
) -> Explanation:
    """The explanation from the aggregates in ``window``; ``examples`` finds example conversations per factor."""
    before, after = window.both(window.totals)
    significance = assess(before, after, pass_threshold)
    change = (after.avg_score or 0.0) - (before.avg_score or 0.0)
    found: list[Contributor] = []
    factors: list[FactorChange] = []
    if before.evaluations and after.evaluations:
        by_dimension = {d: _segments(window, d, before, after) for d in DIMENSIONS}
        found = contributors({d: s for d, s in by_dimension.items() if s}, change)
        reasons = {f: window.both(days) for f, days in window.dimension("reason").items()}
        factors = factor_changes(before, after, reasons, change)[:TOP_FACTORS]
    mix = scorer_mix(window.dimension("scorer"), window.period)
    same_version = None
    if not mix.like_for_like and (common := mix.common_version) is not None:
        same_version = assess(*mix.by_version[common], pass_threshold)
    daily = [
        DayPoint.of(day, window.totals.get(day, {}))
        for day in window.period.previous().each_day() + window.period.each_day()
    ]
    return Explanation(
        scope=scope,
        period=window.period,
        significance=significance,
        contributors=found[:TOP_CONTRIBUTORS],
        factors=factors,
        scorer=mix,
        same_version=same_version,
        agreement=agreement,
        daily=daily,
        examples=examples([f.factor for f in factors]) if examples and factors else {},
    )
