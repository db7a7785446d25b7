"""Fold evaluations into the aggregates: each conversation's old contribution out, its new one in.

The plan is pure. For a batch it merges every increment for the same aggregate key into one, and
names the guards a store must check when it applies the plan atomically: each conversation's
ledger entry still holds the contribution the plan took out, and each case is still at the version
the plan read. A retry of an applied evaluation is skipped; a re-score moves the contribution.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cx.aggregation.case_state import CaseState
from cx.aggregation.contribution import Applied
from cx.aggregation.counters import Counts, add, nonzero
from cx.aggregation.keys import AggKey, case_key
from cx.aggregation.performance_keys import performance_keys


@dataclass(frozen=True)
class LedgerEntry:
    applied: Applied
    expected_previous: str | None  # the fingerprint the store's entry must still have; None: no entry yet


@dataclass(frozen=True)
class CaseUpdate:
    before: CaseState
    after: CaseState


@dataclass(frozen=True)
class FoldPlan:
    ledger: dict[str, LedgerEntry] = field(default_factory=dict)
    cases: dict[str, CaseUpdate] = field(default_factory=dict)
    increments: dict[AggKey, Counts] = field(default_factory=dict)
    skipped: int = 0

    @property
    def is_noop(self) -> bool:
        return not self.ledger

    def write_count(self) -> int:
        """Items one atomic apply touches: ledger entries plus distinct aggregate and case items."""
        items = set(self.increments) | {case_key(c) for c in self.cases}
        return len(self.ledger) + len(items)


def _accumulate(into: dict[AggKey, Counts], parts: Mapping[AggKey, Counts], sign: int) -> None:
    for key, counts in parts.items():
        add(into.setdefault(key, {}), counts, sign)


def _contribution(applied: Applied | None) -> dict[AggKey, Counts]:
    if applied is None:
        return {}
    counts = applied.counts()
    keys = [*applied.keys(), *performance_keys(applied)]
    return {key: dict(counts) for key in keys}


def plan_fold(
    batch: Sequence[Applied],
    previous: Mapping[str, Applied],
    cases: Mapping[str, CaseState],
) -> FoldPlan:
    """Plan folding ``batch`` given what the store holds: ``previous`` per conversation, ``cases`` by id."""
    current = dict(previous)
    case_now = dict(cases)
    ledger: dict[str, LedgerEntry] = {}
    case_updates: dict[str, CaseUpdate] = {}
    increments: dict[AggKey, Counts] = {}
    skipped = 0
    for applied in batch:
        prior = current.get(applied.conversation_id)
        if prior == applied:
            skipped += 1
            continue
        before = case_now.get(applied.case_id) or CaseState(case_id=applied.case_id)
        after = before.with_contact(applied)
        _accumulate(increments, _contribution(applied), +1)
        _accumulate(increments, _contribution(prior), -1)
        _accumulate(increments, after.counts(), +1)
        _accumulate(increments, before.counts(), -1)
        original = previous.get(applied.conversation_id)
        ledger[applied.conversation_id] = LedgerEntry(applied, original.fingerprint if original else None)
        first = cases.get(applied.case_id) or CaseState(case_id=applied.case_id)
        case_updates[applied.case_id] = CaseUpdate(first, after)
        current[applied.conversation_id] = applied
        case_now[applied.case_id] = after
    cleaned = {key: nonzero(counts) for key, counts in increments.items()}
    return FoldPlan(ledger, case_updates, {k: c for k, c in cleaned.items() if c}, skipped)
