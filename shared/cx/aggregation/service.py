"""Fold evaluated conversations into a store, exactly once, in as few writes as the store allows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Unfolded:
    """A conversation whose figures cannot be counted (say, a day no time zone has), and why."""

    conversation_id: str
    reason: str


@dataclass
class FoldReport:
    folded: int = 0
    skipped: int = 0
    writes: int = 0
    conflicts: int = 0
    unfolded: list[Unfolded] = field(default_factory=list)

    def merge(self, other: FoldReport) -> None:
        self.folded += other.folded
        self.skipped += other.skipped
        self.writes += other.writes
        self.conflicts += other.conflicts
        self.unfolded += other.unfolded


def contributions(pairs: Sequence[tuple[Conversation, Evaluation]], tz: tzinfo) -> tuple[list[Applied], list[Unfolded]]:
    """What each pair counts for; a pair that cannot be counted is set apart, never stopping the others."""
    applied: list[Applied] = []
    unfolded: list[Unfolded] = []
    for conversation, evaluation in pairs:
        try:
            applied.append(Applied.of(conversation, evaluation, tz))
        except (ValueError, ArithmeticError, TypeError) as exc:  # OverflowError is an ArithmeticError
            unfolded.append(Unfolded(conversation.id, f"cannot be counted: {type(exc).__name__}: {exc}"))
    return applied, unfolded


def fold(
    store: AggregateStore,
    pairs: Sequence[tuple[Conversation, Evaluation]],
    tz: tzinfo,
) -> FoldReport:
    """Fold what can be counted; ``unfolded`` names each pair that cannot, for its caller to report."""
    applied, unfolded = contributions(pairs, tz)
    store.note_journeys({a.journey for a in applied if a.journey})
    store.note_segments({segment for a in applied for segment in a.segments()})
    report = fold_applied(store, applied)
    report.unfolded += unfolded
    return report


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
