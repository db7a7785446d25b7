"""Fold evaluated conversations into a store, exactly once, in as few writes as the store allows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from cx.aggregation.contribution import Applied
from cx.aggregation.fold import plan_fold
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ports import AggregateStore, ConflictError

TRANSACTION_LIMIT = 100  # DynamoDB's limit on items in one transaction
# the store's transaction also checks two items that it does not write: a bulk load's lease and journal commit
MAX_ITEMS_PER_APPLY = TRANSACTION_LIMIT - 2
MAX_ATTEMPTS = 8


@dataclass
class FoldReport:
    folded: int = 0
    skipped: int = 0
    writes: int = 0
    conflicts: int = 0

    def merge(self, other: FoldReport) -> None:
        self.folded += other.folded
        self.skipped += other.skipped
        self.writes += other.writes
        self.conflicts += other.conflicts


def fold(
    store: AggregateStore,
    pairs: Sequence[tuple[Conversation, Evaluation]],
    tz: tzinfo,
) -> FoldReport:
    applied = [Applied.of(c, e, tz) for c, e in pairs]
    store.note_journeys({a.journey for a in applied if a.journey})
    store.note_segments({segment for a in applied for segment in a.segments()})
    return fold_applied(store, applied)


def fold_applied(store: AggregateStore, applied: Sequence[Applied]) -> FoldReport:
    """Plan against what the store holds and apply atomically; on a conflict read again and re-plan."""
    report = FoldReport()
    if not applied:
        return report
    for _ in range(MAX_ATTEMPTS):
        previous = store.applied(a.conversation_id for a in applied)
        cases = store.case_states(a.case_id for a in applied)
        plan = plan_fold(applied, previous, cases)
        if plan.write_count() > MAX_ITEMS_PER_APPLY and len(applied) > 1:
            half = len(applied) // 2
            report.merge(fold_applied(store, applied[:half]))
            report.merge(fold_applied(store, applied[half:]))
            return report
        if plan.is_noop:
            report.skipped += plan.skipped
            return report
        try:
            store.apply(plan)
        except ConflictError:
            report.conflicts += 1
            continue
        report.folded += len(plan.ledger)
        report.skipped += plan.skipped
        report.writes += plan.write_count()
        return report
    raise ConflictError(f"gave up folding {len(applied)} conversations after {MAX_ATTEMPTS} conflicts")
