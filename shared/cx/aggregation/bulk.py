"""Fold a whole load at once: one plan per batch of conversations, each aggregate item written once.

The plan is the same `plan_fold` the aggregator Lambda applies in transactions, so what a
conversation contributes, and when a retry is skipped, is decided in one place. Only how the plan
reaches the store differs: `BulkAggregateStore.apply_bulk` makes a plan's effect all or nothing by
journaling it before writing (a crash after the journal is completed when the store is next held;
one before it left nothing), and `exclusive` holds the store for the whole load, so that no other
folder can change what a plan read before it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from cx.aggregation.contribution import Applied
from cx.aggregation.fold import plan_fold
from cx.aggregation.service import FoldReport
from cx.ports import BulkAggregateStore

BULK_BATCH = 20_000  # conversations per plan: the shared daily items of a plan are written once (a demo: one plan)
Progress = Callable[[int], None]  # called with how many more conversations are done


def _batches(items: Sequence[Applied], size: int) -> Iterator[Sequence[Applied]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk_fold(
    store: BulkAggregateStore,
    applied: Sequence[Applied],
    batch: int = BULK_BATCH,
    progress: Progress | None = None,
) -> FoldReport:
    """Fold ``applied`` exactly once: what is already counted is skipped, a re-score moves its contribution."""
    report = FoldReport()
    store.note_journeys({a.journey for a in applied if a.journey})
    store.note_segments({segment for a in applied for segment in a.segments()})
    with store.exclusive():
        for part in _batches(applied, batch):
            previous = store.applied(a.conversation_id for a in part)
            cases = store.case_states(a.case_id for a in part)
            plan = plan_fold(part, previous, cases)
            report.skipped += plan.skipped
            if not plan.is_noop:
                report.writes += store.apply_bulk(plan)
                report.folded += len(plan.ledger)
            if progress is not None:
                progress(len(part))
    return report
