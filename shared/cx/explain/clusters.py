"""Conversations of one case are not independent (one customer, one problem): the design effect of each period.

A case's contacts tend to score alike, so the average of N conversations from C cases is noisier than N
independent scores. The cluster-robust variance of the mean, ``Σ_c (S_c - n_c·m)² / N² · C/(C-1)`` over the
period's cases (S_c, n_c: a case's score sum and evaluations), divided by the independent one ``s²/N``, is the
period's design effect (Kish); `/cx why`'s interval multiplies each period's variance by it (never below 1:
a period of single-contact cases keeps Welch's interval). The cases come from the journey's case index
(``cases|journey=<j>|<week>``: one row per counted case with its histogram), a query per journey and week,
several at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cx.aggregation.keys import case_row_pk
from cx.parallel import each
from cx.ranges import DateRange
from cx.reads import CubeReader

Case = tuple[float, float, float]  # (evaluations, score sum, sum of squared scores)


def design_effect(cases: Sequence[Case]) -> float:
    """The cluster-robust variance of the mean over the independent one (1.0 when it cannot be told)."""
    n = sum(c[0] for c in cases)
    if len(cases) < 2 or n < 2:
        return 1.0
    mean = sum(c[1] for c in cases) / n
    within = sum(c[2] for c in cases) - n * mean**2
    variance = within / (n - 1)
    if variance <= 0:
        return 1.0
    clustered = sum((s - k * mean) ** 2 for k, s, _ in cases) / n**2 * len(cases) / (len(cases) - 1)
    return max(1.0, clustered / (variance / n))


def _case(counts: dict[str, float]) -> Case:
    hist = [counts.get(f"hist_{k}", 0.0) for k in range(1, 6)]
    return sum(hist), sum(k * h for k, h in enumerate(hist, 1)), sum(k * k * h for k, h in enumerate(hist, 1))


def read_cases(reader: CubeReader, journeys: Sequence[str], period: DateRange) -> tuple[list[Case], list[Case]]:
    """(previous period, this period): each counted case of ``journeys`` opened in it, from the case index."""
    before = period.previous()
    days = before.each_day() + period.each_day()
    pks = [pk for journey in journeys for pk in sorted({case_row_pk(journey, d) for d in days})]
    pages = each(lambda pk: reader.read_sk_range(pk, "0", "~"), pks)  # ranks: "<avg>" or "none"
    sides: tuple[list[Case], list[Case]] = ([], [])
    for items in pages:
        for sk, counts in items:
            day = date.fromisoformat(sk.split("#", 2)[1])
            side = 1 if period.start <= day <= period.end else 0 if before.start <= day <= before.end else -1
            if side >= 0 and counts.get("evaluations"):
                sides[side].append(_case(counts))
    return sides
