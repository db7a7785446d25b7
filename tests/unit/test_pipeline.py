"""Pipeline.score_and_store with in-memory stores: what is scored, what is left alone, what is kept for re-drive."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import pytest
from factories import conversation, evaluation
from fakes import FakeAggregateStore, FakeConversationStore, FakeEvaluationStore

from cx.domain.conversation import CaseOutcome, Conversation
from cx.domain.evaluation import Evaluation, ScorerInfo
from cx.pipeline import BATCH, Pipeline
from cx.ports import Scored
from cx.scoring.port import Scorer, ScoringError

NOW = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


class CountingScorer(Scorer):
    """Scores 4 (the factories' scorer), or fails for the conversation ids in ``failing``."""

    def __init__(self, failing: set[str] | None = None) -> None:
        self.calls: list[str] = []
        self.failing = failing or set()

    @property
    def info(self) -> ScorerInfo:
        return ScorerInfo(name="offline", version="1", model="rules", rubric_version="r1")

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        self.calls.append(conversation.id)
        if conversation.id in self.failing:
            raise ScoringError("the model's answer was not valid")
        return evaluation(conversation)


def _pipeline(
    scorer: CountingScorer, journey_of_inquiry: Callable[[str | None], str | None] | None = None
) -> tuple[Pipeline, FakeConversationStore, FakeEvaluationStore]:
    conversations, evaluations = FakeConversationStore(), FakeEvaluationStore()
    pipeline = Pipeline(
        conversations,
        evaluations,
        FakeAggregateStore(),
        scorer,
        UTC,
        lambda: NOW,
        journey_of_inquiry=journey_of_inquiry,
    )
    return pipeline, conversations, evaluations


def test_a_new_conversation_is_scored_and_stored_with_its_evaluation() -> None:
    scorer = CountingScorer()
    pipeline, conversations, evaluations = _pipeline(scorer)

    report = pipeline.score_and_store([conversation("c1"), conversation("c2")])

    assert (report.received, report.scored, report.unchanged, report.failed) == (2, 2, 0, [])
    assert scorer.calls == ["c1", "c2"] and [e.conversation_id for e in evaluations.put] == ["c1", "c2"]
    assert conversations.stored["c1"].evaluation == evaluations.latest_evaluation("c1")


def test_the_same_conversation_again_is_left_alone() -> None:
    scorer = CountingScorer()
    pipeline, _, evaluations = _pipeline(scorer)
    pipeline.score_and_store([conversation("c1")])

    again = pipeline.score_and_store([conversation("c1")])

    assert (again.scored, again.unchanged) == (0, 1) and scorer.calls == ["c1"] and len(evaluations.put) == 1
    assert again.pairs == []  # nothing for the fold to count twice


def test_new_case_facts_with_the_same_words_keep_the_evaluation_and_are_stored_to_be_counted_anew() -> None:
    scorer = CountingScorer()
    pipeline, conversations, evaluations = _pipeline(scorer)
    pipeline.score_and_store([conversation("c1", outcome=CaseOutcome.UNRESOLVED)])

    report = pipeline.score_and_store([conversation("c1", outcome=CaseOutcome.RESOLVED)])

    assert scorer.calls == ["c1"] and len(evaluations.put) == 1 and report.scored == 0
    stored = conversations.get_conversation("c1")
    assert stored is not None and stored.case_outcome is CaseOutcome.RESOLVED
    assert [(c.id, e.id) for c, e in report.pairs] == [("c1", evaluations.put[0].id)]


def test_a_failed_rescore_is_kept_for_redrive_and_the_earlier_evaluation_stays_counted() -> None:
    scorer = CountingScorer()
    pipeline, conversations, evaluations = _pipeline(scorer)
    pipeline.score_and_store([conversation("c1", text="first words")])
    scorer.failing = {"c1"}

    report = pipeline.score_and_store([conversation("c1", text="edited words")])

    assert [f.conversation_id for f in report.failed] == ["c1"] and "not valid" in report.failed[0].reason
    assert conversations.failures == {"c1": "the model's answer was not valid"}
    assert conversations.stored["c1"].evaluation == evaluations.put[0]  # the good one, still counted
    assert [c.id for c, _ in report.pairs] == ["c1"]


def test_a_conversation_without_a_journey_takes_the_one_its_inquiry_is_configured_to() -> None:
    pipeline, conversations, _ = _pipeline(
        CountingScorer(), journey_of_inquiry=lambda inquiry: "billing" if inquiry == "refund" else None
    )

    pipeline.score_and_store(
        [conversation("c1", journey=None, inquiry="refund"), conversation("c2", journey=None, inquiry="login")]
    )

    c1, c2 = conversations.get_conversation("c1"), conversations.get_conversation("c2")
    assert c1 is not None and c1.journey == "billing" and c2 is not None and c2.journey is None


class BatchWatcher(CountingScorer):
    """Tells when the scorer reaches a given conversation."""

    def __init__(self, watched: str) -> None:
        super().__init__()
        self.watched, self.reached = watched, threading.Event()

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        if conversation.id == self.watched:
            self.reached.set()
        return super().score(conversation, now)


class StoreWaitingForTheScorer(FakeConversationStore):
    """The first batch's save returns only once the scorer is on the next batch (or after a long timeout)."""

    def __init__(self, scorer: BatchWatcher) -> None:
        super().__init__()
        self.scorer, self.overlapped = scorer, False

    def save(self, results: Iterable[Scored]) -> None:
        if self.saves == 0:
            self.overlapped = self.scorer.reached.wait(timeout=60)
        super().save(results)


def test_a_load_scores_the_next_batch_while_the_last_one_is_stored() -> None:
    conversations = [conversation(f"c{n:03}") for n in range(BATCH + 10)]
    scorer = BatchWatcher(watched=conversations[BATCH].id)
    store = StoreWaitingForTheScorer(scorer)
    pipeline = Pipeline(store, FakeEvaluationStore(), FakeAggregateStore(), scorer, UTC, lambda: NOW)

    report = pipeline.process(conversations)

    assert store.overlapped, "the first batch's store waited for the second batch to be scored"
    assert (report.scored, report.fold.folded, store.saves) == (BATCH + 10, BATCH + 10, 2)
    assert set(store.stored) == {c.id for c in conversations}


def test_a_conversation_again_in_the_next_batch_is_read_after_its_first_copy_is_stored() -> None:
    conversations = [conversation(f"c{n:03}") for n in range(BATCH + 10)]
    conversations[BATCH + 5] = conversations[5]  # the same conversation twice in one file, a batch apart
    scorer = CountingScorer()
    pipeline, stored, _ = _pipeline(scorer)

    report = pipeline.process(conversations)

    assert (report.scored, report.unchanged) == (BATCH + 9, 1)
    assert scorer.calls.count(conversations[5].id) == 1
    assert report.fold.folded == BATCH + 9 and len(stored.stored) == BATCH + 9


def test_a_failed_store_fails_the_load_before_anything_is_folded() -> None:
    class Failing(FakeConversationStore):
        def save(self, results: Iterable[Scored]) -> None:
            raise RuntimeError("DynamoDB is gone")

    aggregates = FakeAggregateStore()
    pipeline = Pipeline(Failing(), FakeEvaluationStore(), aggregates, CountingScorer(), UTC, lambda: NOW)

    with pytest.raises(RuntimeError, match="DynamoDB is gone"):
        pipeline.process([conversation(f"c{n:03}") for n in range(BATCH + 10)])
    assert aggregates.read_all() == {}
