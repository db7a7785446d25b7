"""Is a change real? Intervals for the change in average CX score and in % pass, and a plain verdict.

Plain Python (the shared layer has no NumPy). The 1-5 histogram is the whole distribution of the
integer scores, so the mean and variance of each period come from it exactly. The average's change gets
Welch's interval (unequal variances, Welch-Satterthwaite degrees of freedom); % pass the normal
(Wald) interval for a difference of two proportions. The verdict follows the average's interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from cx.reports.figures import Figures

CONFIDENCE = 0.95
MIN_EVALUATIONS = 30
"""Fewer evaluations than this in either period: the answer says so rather than guessing."""

REAL_DROP, REAL_RISE, WITHIN_NOISE, TOO_FEW = "a real drop", "a real rise", "within noise", "too few evaluations"


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def moments(histogram: Sequence[float]) -> tuple[float, float, float]:
    """(n, mean, sample variance) of integer scores 1..5 given their histogram."""
    n = sum(histogram)
    if n == 0:
        return 0, math.nan, math.nan
    mean = sum((k + 1) * h for k, h in enumerate(histogram)) / n
    if n == 1:
        return n, mean, 0.0
    variance = sum(h * (k + 1 - mean) ** 2 for k, h in enumerate(histogram)) / (n - 1)
    return n, mean, variance


def t_quantile(p: float, df: float) -> float:
    """Student's t quantile by the Cornish-Fisher expansion around the normal one (error < 1e-4 for df >= 5)."""
    z = NormalDist().inv_cdf(p)
    if math.isinf(df):
        return z
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def mean_difference(
    before: Sequence[float],
    after: Sequence[float],
    confidence: float = CONFIDENCE,
    design: tuple[float, float] = (1.0, 1.0),
) -> Interval:
    """Welch's interval for mean(after) - mean(before), from the two score histograms; with ``design`` (each
    period's design effect, see ``clusters``) each variance of the mean is that many times larger and the
    degrees of freedom are those of the effective sizes n / design."""
    n0, m0, v0 = moments(before)
    n1, m1, v1 = moments(after)
    n0, n1 = n0 / design[0], n1 / design[1]
    a, b = v0 / n0, v1 / n1
    se = math.sqrt(a + b)
    if se == 0:
        return Interval(m1 - m0, m1 - m0, m1 - m0)
    df = (a + b) ** 2 / ((a**2 / (n0 - 1) if n0 > 1 else 0) + (b**2 / (n1 - 1) if n1 > 1 else 0) or math.inf)
    half = t_quantile(0.5 + confidence / 2, df) * se
    return Interval(m1 - m0, m1 - m0 - half, m1 - m0 + half)


def proportion_difference(
    before_hits: int,
    before_n: int,
    after_hits: int,
    after_n: int,
    confidence: float = CONFIDENCE,
    design: tuple[float, float] = (1.0, 1.0),
) -> Interval:
    """The normal interval for p(after) - p(before) (each variance times its period's design effect)."""
    p0, p1 = before_hits / before_n, after_hits / after_n
    se = math.sqrt(p0 * (1 - p0) / before_n * design[0] + p1 * (1 - p1) / after_n * design[1])
    half = NormalDist().inv_cdf(0.5 + confidence / 2) * se
    return Interval(p1 - p0, p1 - p0 - half, p1 - p0 + half)


@dataclass(frozen=True)
class Significance:
    before: Figures
    after: Figures
    pass_threshold: int
    score: Interval | None  # None when there are too few evaluations
    pass_rate: Interval | None
    verdict: str
    design: tuple[float, float] = (1.0, 1.0)  # each period's design effect the intervals were widened by

    @property
    def is_real(self) -> bool:
        return self.verdict in (REAL_DROP, REAL_RISE)


def assess(
    before: Figures,
    after: Figures,
    pass_threshold: int,
    minimum: int = MIN_EVALUATIONS,
    design: tuple[float, float] = (1.0, 1.0),
) -> Significance:
    """The verdict; ``design`` is each period's design effect (conversations of one case score alike)."""
    if before.evaluations < minimum or after.evaluations < minimum:
        return Significance(before, after, pass_threshold, None, None, TOO_FEW)
    score = mean_difference(before.histogram, after.histogram, design=design)
    passes = proportion_difference(
        before.passes(pass_threshold),
        before.evaluations,
        after.passes(pass_threshold),
        after.evaluations,
        design=design,
    )
    verdict = WITHIN_NOISE if not score.excludes_zero else REAL_DROP if score.estimate < 0 else REAL_RISE
    return Significance(before, after, pass_threshold, score, passes, verdict, design)
