"""Distribution shift statistics on 1-5 score histograms: PSI and the chi-square test of homogeneity."""

from __future__ import annotations

import math
from collections.abc import Sequence

PSI_FLOOR = 1e-4  # share given to an empty bin, so that a bin appearing from nothing counts but stays finite


def psi(baseline: Sequence[float], current: Sequence[float]) -> float:
    """Population stability index of ``current`` against ``baseline`` (counts per bin, same bins)."""
    b_total, c_total = sum(baseline), sum(current)
    if not b_total or not c_total:
        return math.nan
    value = 0.0
    for b, c in zip(baseline, current, strict=True):
        p, q = max(b / b_total, PSI_FLOOR), max(c / c_total, PSI_FLOOR)
        value += (q - p) * math.log(q / p)
    return value


def chi_square_homogeneity(baseline: Sequence[float], current: Sequence[float]) -> tuple[float, int, float]:
    """Pearson's chi-square on the 2 x k table (bins empty in both dropped): statistic, dof, p-value."""
    pairs = [(b, c) for b, c in zip(baseline, current, strict=True) if b or c]
    b_total, c_total = sum(b for b, _ in pairs), sum(c for _, c in pairs)
    n = b_total + c_total
    dof = len(pairs) - 1
    if not b_total or not c_total or dof < 1:
        return 0.0, max(dof, 0), 1.0
    statistic = 0.0
    for b, c in pairs:
        column = b + c
        for observed, row in ((b, b_total), (c, c_total)):
            expected = row * column / n
            statistic += (observed - expected) ** 2 / expected
    return statistic, dof, chi2_sf(statistic, dof)


def chi2_sf(x: float, dof: int) -> float:
    """P(X >= x) for a chi-square with ``dof`` degrees of freedom: the regularised upper gamma Q(dof/2, x/2)."""
    if x <= 0:
        return 1.0
    return _upper_gamma_q(dof / 2, x / 2)


def _upper_gamma_q(a: float, x: float) -> float:
    log_prefix = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1:  # series for P, then Q = 1 - P
        term = total = 1.0 / a
        k = a
        for _ in range(1000):
            k += 1
            term *= x / k
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return max(0.0, 1.0 - total * math.exp(log_prefix))
    # continued fraction for Q (modified Lentz)
    tiny = 1e-300
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 1000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return math.exp(log_prefix) * h
