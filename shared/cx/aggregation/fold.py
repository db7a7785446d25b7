"""Fold one evaluation into the aggregates: take the conversation's old contribution out, put the new in.

The plan is pure; a store applies it atomically (or not at all) with the guards it names, so a
retry of the same evaluation changes nothing and a re-score moves a contribution instead of doubling it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cx.aggregation.contribution import AggKey, Applied, CaseState
from cx.aggregation.counters import Counts, add, nonzero


@dataclass(frozen=True)
class FoldPlan:
    applied: Applied
    previous: Applied | None
    case_before: CaseState
    case_after: CaseState
    increments: dict[AggKey, Counts] = field(default_factory=dict)

    @property
    def is_noop(self) -> bool:
        return self.previous is not None and self.previous.evaluation_id == self.applied.evaluation_id


def _accumulate(into: dict[AggKey, Counts], parts: dict[AggKey, Counts], sign: int) -> None:
    for key, counts in parts.items():
        add(into.setdefault(key, {}), counts, sign)


def _contribution(applied: Applied | None) -> dict[AggKey, Counts]:
    if applied is None:
        return {}
    counts = applied.counts()
    return {key: dict(counts) for key in applied.keys()}


def plan_fold(applied: Applied, previous: Applied | None, case_before: CaseState | None) -> FoldPlan:
    before = case_before or CaseState(case_id=applied.case_id)
    if previous is not None and previous.evaluation_id == applied.evaluation_id:
        return FoldPlan(applied, previous, before, before)
    after = before.with_contact(applied)
    increments: dict[AggKey, Counts] = {}
    _accumulate(increments, _contribution(applied), +1)
    _accumulate(increments, _contribution(previous), -1)
    _accumulate(increments, after.counts(), +1)
    _accumulate(increments, before.counts(), -1)
    cleaned = {key: nonzero(c) for key, c in increments.items()}
    return FoldPlan(applied, previous, before, after, {k: c for k, c in cleaned.items() if c})
