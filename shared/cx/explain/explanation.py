"""`/cx why`: is the change real, where did it happen, what changed in the conversations, is it the scorer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cx.explain.cube import Cube
from cx.explain.drilldown import Cause, find_causes
from cx.explain.examples import Example
from cx.explain.reading import Window
from cx.explain.reasons import FactorChange, factor_changes
from cx.explain.scorer_change import ScorerMix, scorer_mix
from cx.explain.significance import Significance, assess
from cx.ranges import DateRange
from cx.reports.figures import DayPoint

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
    causes: list[Cause]  # each measured on what the ones before it leave unexplained
    factors: list[FactorChange]
    scorer: ScorerMix
    same_version: Significance | None  # when the scorer changed and one version scored both periods
    agreement: AgreementNote | None
    daily: list[DayPoint]  # the previous period's days, then this period's
    examples: dict[str, list[Example]] = field(default_factory=dict)
    filters: tuple[tuple[str, str], ...] = ()  # the scope narrowed to a team, channel, inquiry or agent

    @property
    def unexplained(self) -> float | None:
        """The part of the change the causes do not explain (their effects and it add up to the change)."""
        change = self.change
        return None if change is None else change - sum(c.effect for c in self.causes)

    @property
    def change(self) -> float | None:
        s = self.significance
        if s.before.avg_score is None or s.after.avg_score is None:
            return None
        return s.after.avg_score - s.before.avg_score


def explain(
    window: Window,
    scope: str,
    pass_threshold: int,
    agreement: AgreementNote | None = None,
    examples: Callable[[Sequence[str]], dict[str, list[Example]]] | None = None,
    cube: Cube | None = None,
    filters: tuple[tuple[str, str], ...] = (),
    design: tuple[float, float] = (1.0, 1.0),
) -> Explanation:
    """The explanation from the aggregates in ``window`` and the ``cube`` cells (where the change happened);
    ``examples`` finds example conversations per factor. With ``filters`` the scope is the part of the cube
    they select: its figures, verdict and causes come from the cube, its reasons and scorer from the journey.
    ``design`` is each period's design effect (``clusters``): the verdict's interval is per case, not per
    conversation."""
    before, after = window.both(window.totals)
    if filters and cube is not None:
        cube = cube.narrowed(dict(filters))
        before, after = cube.figures()
    significance = assess(before, after, pass_threshold, design=design)
    change = (after.avg_score or 0.0) - (before.avg_score or 0.0)
    found: list[Cause] = []
    factors: list[FactorChange] = []
    if before.evaluations and after.evaluations:
        found = find_causes(cube, design=design).causes if cube is not None else []
        if not filters:  # the reason items are the journey's, not a slice's
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
        causes=found,
        factors=factors,
        scorer=mix,
        same_version=same_version,
        agreement=agreement,
        daily=daily,
        examples=examples([f.factor for f in factors]) if examples and factors else {},
        filters=filters,
    )
