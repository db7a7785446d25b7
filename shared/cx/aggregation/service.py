"""Fold evaluated conversations into a store, exactly once, in as few writes as the store allows.

A batch is folded in chunks of conversations: each chunk is planned against what the store holds and
committed by the store in one small transaction (its ledger entries and case states; see ports). A
conflict (someone changed the same conversation or case first) re-reads and re-plans after an
exponential backoff with full jitter, so that writers that collided do not collide again in step.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo

from cx.aggregation.contribution import Applied
from cx.aggregation.fold import plan_fold
from cx.backoff import Backoff
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ports import AggregateStore, ConflictError

TRANSACTION_LIMIT = 100  # DynamoDB's limit on items in one transaction
# a commit holds a ledger entry and at most one case state per conversation, beside three items of the store's
# own (a bulk load's lease and journal commit, checked; the lane it commits the increments to)
CONVERSATIONS_PER_COMMIT = 32
assert 2 * CONVERSATIONS_PER_COMMIT + 3 <= TRANSACTION_LIMIT
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
    backoff: Backoff | None = None,
) -> FoldReport:
    """Fold what can be counted; ``unfolded`` names each pair that cannot, for its caller to report."""
    applied, unfolded = contributions(pairs, tz)
    store.note_journeys({a.journey for a in applied if a.journey})
    store.note_segments({segment for a in applied for segment in a.segments()})
    report = fold_applied(store, applied, backoff)
    report.unfolded += unfolded
    return report


def _chunks(applied: Sequence[Applied], size: int) -> Iterator[Sequence[Applied]]:
    """Even chunks of at most ``size``: 100 conversations go as four of 25, not 32, 32, 32 and 4."""
    count = -(-len(applied) // size)
    for n in range(count):
        yield applied[n * len(applied) // count : (n + 1) * len(applied) // count]


def fold_applied(store: AggregateStore, applied: Sequence[Applied], backoff: Backoff | None = None) -> FoldReport:
    """Fold chunk by chunk; each chunk is committed whole or not at all."""
    report = FoldReport()
    wait = backoff or Backoff()
    for chunk in _chunks(applied, CONVERSATIONS_PER_COMMIT):
        report.merge(_fold_chunk(store, chunk, wait))
    return report


def _fold_chunk(store: AggregateStore, chunk: Sequence[Applied], backoff: Backoff) -> FoldReport:
    """Plan against what the store holds and commit; on a conflict wait, read again and re-plan."""
    report = FoldReport()
    for attempt in range(MAX_ATTEMPTS):
        previous = store.applied(a.conversation_id for a in chunk)
        cases = store.case_states(a.case_id for a in chunk)
        plan = plan_fold(chunk, previous, cases)
        if attempt == 0 and plan.skipped:
            # counted before: a retried batch whose first attempt died after its commit finishes that commit here
            store.finish_pending(a.conversation_id for a in chunk if previous.get(a.conversation_id) == a)
        if plan.is_noop:
            report.skipped += plan.skipped
            return report
        try:
            store.apply(plan)
        except ConflictError:
            report.conflicts += 1
            backoff.wait(attempt)
            continue
        report.folded += len(plan.ledger)
        report.skipped += plan.skipped
        report.writes += plan.write_count()
        return report
    raise ConflictError(f"gave up folding {len(chunk)} conversations after {MAX_ATTEMPTS} conflicts")
