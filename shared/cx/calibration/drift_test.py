"""The drift test: valid on sparse histograms, corrected for the number of slices tested each week.

Pearson's chi-square is unreliable when expected counts are small (three 1s this week against none of 391
in the baseline gave p = 0.009 on nothing). Two tests, each valid on sparse histograms, are combined:

- the Mann-Whitney rank-sum test (scores are ordinal; tie-corrected normal approximation, which needs
  no minimum count per bin): sensitive to the whole distribution moving up or down;
- the chi-square on merged bins: adjacent score bins merged, in order, until every expected count is at
  least ``MIN_EXPECTED`` (Cochran's rule); sensitive to a change of shape at the same average.

The slice's p-value is twice the smaller of the two (Bonferroni within the slice), so it stays valid.

Each week tests every channel and journey with enough evaluations; Holm's step-down correction keeps the
chance of *any* false alert in a week at most ``alpha`` whatever the dependence between slices (a channel
and a journey share conversations), and is never less powerful than Bonferroni.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from cx.calibration.stats import chi_square_homogeneity, psi

MIN_EXPECTED = 5.0


def merged_bins(baseline: Sequence[int], current: Sequence[int]) -> tuple[list[int], list[int]]:
    """Adjacent bins merged until each expected count (in both rows) is at least MIN_EXPECTED."""
    b_total, c_total = sum(baseline), sum(current)
    n = b_total + c_total
    if not b_total or not c_total:
        return [b_total], [c_total]
    smaller = min(b_total, c_total)
    groups: list[list[int]] = []
    b_run = c_run = 0
    for b, c in zip(baseline, current, strict=True):
        b_run, c_run = b_run + b, c_run + c
        if (b_run + c_run) * smaller / n >= MIN_EXPECTED:
            groups.append([b_run, c_run])
            b_run = c_run = 0
    if b_run or c_run:  # a short tail joins the last group
        if groups:
            groups[-1][0] += b_run
            groups[-1][1] += c_run
        else:
            groups.append([b_run, c_run])
    return [g[0] for g in groups], [g[1] for g in groups]


def rank_sum_p(baseline: Sequence[int], current: Sequence[int]) -> float:
    """Two-sided p of the Mann-Whitney test on two histograms of the same ordered bins (ties corrected)."""
    n1, n2 = sum(baseline), sum(current)
    n = n1 + n2
    if not n1 or not n2:
        return 1.0
    below, u, ties = 0, 0.0, 0.0
    for b, c in zip(baseline, current, strict=True):
        t = b + c
        mid_rank = below + (t + 1) / 2
        u += c * mid_rank
        ties += t**3 - t
        below += t
    u -= n2 * (n2 + 1) / 2
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if variance <= 0:
        return 1.0
    z = max(0.0, abs(u - n1 * n2 / 2) - 0.5) / math.sqrt(variance)
    return math.erfc(z / math.sqrt(2))


def sparse_safe_test(baseline: Sequence[int], current: Sequence[int]) -> tuple[float, float]:
    """(the slice's p-value, PSI on the merged bins)."""
    b, c = merged_bins(baseline, current)
    if len(b) < 2:
        return 1.0, 0.0
    p_value = min(1.0, 2 * min(rank_sum_p(baseline, current), chi_square_homogeneity(b, c)[2]))
    return p_value, psi(b, c)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-adjusted p-values (same order): reject where adjusted < alpha keeps the family-wise rate <= alpha."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted
