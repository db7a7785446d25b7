"""Conversations in, evaluations and aggregates out: the job the CLI and the Lambdas share.

On AWS the two halves run apart: the score function calls `score_and_store`, and the aggregator
folds what the conversations table's stream carries. Locally `process` does both: it scores and
stores in batches, then folds the whole load at once (`cx.aggregation.bulk`), each aggregate
item written once per plan.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from cx.aggregation.bulk import bulk_fold
from cx.aggregation.rebuild import Differences, compare, recompute
from cx.aggregation.service import FoldReport, contributions
from cx.calibration.shadow import Shadow
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ports import BulkAggregateStore, ConversationStore, EvaluationStore, Scored
from cx.scoring.port import Scorer, ScoringError

BATCH = 100  # conversations scored and stored together (one BatchGetItem of what is stored)
# a long job's progress: given a phase ("scoring", "folding") and how many it will do, how to tell it n more are done
Tracker = Callable[[str, int], Callable[[int], None]]


def quiet(phase: str, total: int) -> Callable[[int], None]:
    return lambda done: None


@dataclass(frozen=True)
class Failure:
    conversation_id: str
    reason: str


@dataclass
class PipelineReport:
    received: int = 0
    scored: int = 0
    unchanged: int = 0
    failed: list[Failure] = field(default_factory=list)
    fold: FoldReport = field(default_factory=FoldReport)
    pairs: list[tuple[Conversation, Evaluation]] = field(default_factory=list, repr=False)
    # stored with the current evaluation already: folded again, a no-op unless an earlier run stopped before its fold
    kept_pairs: list[tuple[Conversation, Evaluation]] = field(default_factory=list, repr=False)


def _chunks(items: Sequence[Conversation], size: int) -> Iterator[Sequence[Conversation]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Pipeline:
    conversations: ConversationStore
    evaluations: EvaluationStore
    aggregates: BulkAggregateStore
    scorer: Scorer
    tz: tzinfo
    clock: Callable[[], datetime]
    shadow: Shadow | None = None  # a candidate scorer on a sample of traffic, stored unpublished
    # the configured journey of an inquiry (`cx config set journey.<name>.inquiries=…`), for conversations naming none
    journey_of_inquiry: Callable[[str | None], str | None] | None = None

    def expected_evaluation_id(self, conversation: Conversation) -> str:
        s = self.scorer.info
        return f"{s.name}:{s.version}:{s.rubric_version}:{conversation.content_hash()}"

    def _with_journey(self, conversation: Conversation) -> Conversation:
        if conversation.journey or self.journey_of_inquiry is None:
            return conversation
        journey = self.journey_of_inquiry(conversation.inquiry)
        return conversation.model_copy(update={"journey": journey}) if journey else conversation

    def score_and_store(self, conversations: Sequence[Conversation]) -> PipelineReport:
        """Score what is new or changed and store it.

        The same conversation again is left alone. New case facts (outcome, journey…) with the same
        words keep their evaluation, not scored again, and are stored so that they are counted anew.
        """
        report, store = self._score(conversations)
        store()
        return report

    def _score(self, conversations: Sequence[Conversation]) -> tuple[PipelineReport, Callable[[], None]]:
        """What ``score_and_store`` reports, and the store of it, still to be called."""
        conversations = [self._with_journey(c) for c in conversations]
        report = PipelineReport(received=len(conversations))
        current = self.conversations.current(c.id for c in conversations)
        results: list[Scored] = []
        rescored: list[Evaluation] = []
        for conversation in conversations:
            stored = current.get(conversation.id)
            if stored and _older_than_stored(conversation, stored.conversation_json):
                report.unchanged += 1  # a late copy of a help-desk conversation: the newer one stays
                continue
            kept = stored.evaluation if stored else None
            if kept is not None and kept.id == self.expected_evaluation_id(conversation):
                if stored and stored.conversation_json == conversation.model_dump_json(exclude_none=True):
                    report.unchanged += 1
                    report.kept_pairs.append((conversation, kept))
                    continue
                evaluation = kept
            else:
                try:
                    evaluation = self.scorer.score(conversation, self.clock())
                except ScoringError as exc:
                    # kept for re-drive; a good earlier evaluation stays with it, and stays counted
                    report.failed.append(Failure(conversation.id, str(exc)))
                    results.append(Scored(conversation, kept, str(exc)))
                    if kept is not None:
                        report.pairs.append((conversation, kept))
                    continue
                rescored.append(evaluation)
            results.append(Scored(conversation, evaluation))
            report.pairs.append((conversation, evaluation))
        if self.shadow is not None and self.shadow.scorer.info != self.scorer.info:  # never overwrite the active
            rescored_ids = {e.conversation_id for e in rescored}
            rescored += self.shadow.score((c for c in conversations if c.id in rescored_ids), self.clock)
        report.scored = sum(e.published for e in rescored)

        def store() -> None:
            self.evaluations.put_evaluations(rescored)
            self.conversations.save(results)  # last: on AWS its stream is what gets the evaluation folded

        return report, store

    def process(self, conversations: Sequence[Conversation], track: Tracker = quiet) -> PipelineReport:
        """Score and store a batch at a time, then fold the whole load in bulk.

        What is stored already is folded too: the ledger skips what was counted, and counts what an
        interrupted run (DynamoDB gone between the store and the fold) left stored but not folded.
        """
        total = PipelineReport(received=len(conversations))
        scored = track("scoring", len(conversations))
        with _Behind() as storing:
            for chunk in _chunks(conversations, BATCH):
                storing.wait_for({c.id for c in chunk})  # what it reads as stored must be written first
                part, store = self._score(chunk)
                storing.run(store, {c.id for c in chunk})
                total.scored += part.scored
                total.unchanged += part.unchanged
                total.failed += part.failed
                total.pairs += part.pairs
                total.kept_pairs += part.kept_pairs
                scored(len(chunk))
        total.fold = self.fold([*total.pairs, *total.kept_pairs], track)
        total.failed += [Failure(u.conversation_id, u.reason) for u in total.fold.unfolded]
        return total

    def fold(self, pairs: Sequence[tuple[Conversation, Evaluation]], track: Tracker = quiet) -> FoldReport:
        """Fold stored pairs in bulk, exactly once: the one bulk-load entry point (demo, ingest, import, backfill).

        A pair that cannot be counted is left out and named in the report's ``unfolded``."""
        applied, unfolded = contributions(pairs, self.tz)
        report = bulk_fold(self.aggregates, applied, progress=track("folding", len(applied)))
        report.unfolded += unfolded
        return report

    def rebuild(self, apply: bool = False) -> Differences:
        """Recompute every aggregate from raw evaluations; report differences, and fix them if asked.

        A conversation that cannot be counted is left out and named in ``unfolded``; it never stops the rebuild.
        """
        latest = {e.conversation_id: e for e in self.evaluations.scan_latest_evaluations()}
        stored = list(self.conversations.scan_conversations())
        applied, unfolded = contributions([(c, latest[c.id]) for c in stored if c.id in latest], self.tz)
        # a transcript that expired (retention) or was purged leaves its ledger entry: it still counts as folded
        live = {c.id for c in stored}
        ledger = {a.conversation_id: a for a in self.aggregates.scan_applied()}
        applied += [a for conversation_id, a in ledger.items() if conversation_id not in live]
        differences = Differences(compare(self.aggregates.read_all(), recompute(applied)), unfolded)
        # the ledger must say what the rebuilt aggregates hold of each conversation: an entry of an older shape (a
        # field added later, such as per-channel handle time) would otherwise take out less than it now put in
        outdated = [a for a in applied if ledger.get(a.conversation_id) != a]
        if apply and (differences or outdated):
            self.aggregates.replace_all(recompute(applied), outdated)
            self.aggregates.note_segments({segment for a in applied for segment in a.segments()})
        return differences


class _Behind:
    """One store at a time in a thread of its own, one batch behind the scoring: the scorer's CPU and the
    database's work overlap. A store's error is raised at the next batch, or on leaving; leaving waits."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        self._pending: Future[None] | None = None
        self._ids: set[str] = set()

    def wait_for(self, ids: set[str]) -> None:
        """Wait for the store in flight if it writes any of ``ids``."""
        if self._pending is not None and not self._ids.isdisjoint(ids):
            self._finish()

    def run(self, store: Callable[[], None], ids: set[str]) -> None:
        self._finish()  # never two in flight: a batch's store follows the one before it
        self._pending, self._ids = self._pool.submit(store), ids

    def _finish(self) -> None:
        pending, self._pending, self._ids = self._pending, None, set()
        if pending is not None:
            pending.result()

    def __enter__(self) -> _Behind:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self._finish()
        finally:
            self._pool.shutdown(wait=True)  # after an error too: the store in flight ends before we leave


def _older_than_stored(conversation: Conversation, stored_json: str) -> bool:
    """True when the help desk had updated the stored copy after this one (vendor `updated_at`)."""
    if conversation.source_updated_at is None:
        return False
    stored = json.loads(stored_json).get("source_updated_at")
    return bool(stored) and datetime.fromisoformat(stored) > conversation.source_updated_at
