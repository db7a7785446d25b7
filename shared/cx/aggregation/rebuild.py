"""Recompute every aggregate from the counted evaluations, and compare with what is stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cx.aggregation.contribution import AggKey, Applied, CaseState
from cx.aggregation.counters import Counts, add, nonzero
from cx.aggregation.fold import plan_fold


def recompute(applied: Iterable[Applied]) -> dict[AggKey, Counts]:
    """Aggregates as they must be, folding each conversation's current evaluation once."""
    totals: dict[AggKey, Counts] = {}
    cases: dict[str, CaseState] = {}
    for item in applied:
        plan = plan_fold(item, None, cases.get(item.case_id))
        cases[item.case_id] = plan.case_after
        for key, counts in plan.increments.items():
            add(totals.setdefault(key, {}), counts)
    return {k: nonzero(c) for k, c in totals.items() if nonzero(c)}


@dataclass(frozen=True)
class Difference:
    key: AggKey
    stored: Counts
    expected: Counts


def compare(stored: Mapping[AggKey, Counts], expected: Mapping[AggKey, Counts]) -> list[Difference]:
    diffs = []
    for key in sorted(set(stored) | set(expected)):
        have, want = nonzero(stored.get(key, {})), nonzero(expected.get(key, {}))
        if have != want:
            diffs.append(Difference(key, have, want))
    return diffs
