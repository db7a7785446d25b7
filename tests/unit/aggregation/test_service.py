"""Folding into a store exactly once: retried on conflict, split to fit a transaction, idempotent."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime

import pytest
from factories import applied, at, conversation, evaluation
from fakes import FakeAggregateStore

from cx.aggregation.fold import plan_fold
from cx.aggregation.rebuild import recompute
from cx.aggregation.service import CONVERSATIONS_PER_COMMIT, MAX_ATTEMPTS, TRANSACTION_LIMIT, fold, fold_applied
from cx.backoff import Backoff
from cx.domain.conversation import CaseOutcome
from cx.ports import AggregateStore, ConflictError

JOURNEY = ("journey=billing", "2026-03-02")


def test_the_fake_store_implements_every_method_of_the_port() -> None:
    port = {name for name, _ in inspect.getmembers(AggregateStore, inspect.isfunction) if not name.startswith("_")}

    assert port, "the port lost its methods?"
    assert {name for name in port if name not in FakeAggregateStore.__dict__} == set()


def test_fold_counts_the_pairs_and_records_their_journeys() -> None:
    store = FakeAggregateStore()
    c1, c2 = conversation("c1"), conversation("c2", case_id="k2", journey="delivery")

    report = fold(store, [(c1, evaluation(c1, 4)), (c2, evaluation(c2, 2))], UTC)

    assert (report.folded, report.skipped, report.conflicts) == (2, 0, 0)
    assert store.known_journeys() == {"billing", "delivery"}
    assert store.read_all()[JOURNEY]["score_sum"] == 4
    assert store.read_all()[("journey=delivery", "2026-03-02")]["score_sum"] == 2


def test_fold_sets_apart_a_pair_that_cannot_be_counted_and_counts_the_others() -> None:
    store = FakeAggregateStore()
    good, other = conversation("c1"), conversation("c3", case_id="k3")
    # stored by an older release, before the date window: its day exists in no time zone
    bad_time = datetime.fromisoformat("9999-12-31T23:59:59-14:00")
    legacy = conversation("c2", case_id="k2").model_copy(update={"started_at": bad_time})

    pairs = [(good, evaluation(good, 4)), (legacy, evaluation(legacy, 1)), (other, evaluation(other, 2))]
    report = fold(store, pairs, UTC)

    assert report.folded == 2
    assert [u.conversation_id for u in report.unfolded] == ["c2"]
    assert "OverflowError" in report.unfolded[0].reason
    assert store.read_all()[JOURNEY]["score_sum"] == 6


def test_a_conflict_raised_once_is_retried_and_the_result_is_exact() -> None:
    store = FakeAggregateStore()
    store.conflicts_to_raise = 1

    report = fold_applied(store, [applied(conversation("c1"), 4), applied(conversation("c2", case_id="k2"), 2)])

    assert report.conflicts == 1
    assert report.folded == 2
    journey = store.read_all()[JOURNEY]
    assert (journey["evaluations"], journey["score_sum"], journey["cases"]) == (2, 6, 2)


def test_another_writer_changing_the_case_first_makes_the_fold_replan_on_fresh_state() -> None:
    store = FakeAggregateStore()
    theirs = applied(conversation("c2", started_at=at("2026-03-02 18:00"), outcome=CaseOutcome.RESOLVED), 5)
    ours = applied(conversation("c1", started_at=at("2026-03-02 09:00"), outcome=CaseOutcome.UNRESOLVED), 1)

    def other_writer() -> None:
        store.apply(plan_fold([theirs], store.applied(["c2"]), store.case_states(["k1"])))

    store.before_next_apply = other_writer

    report = fold_applied(store, [ours])

    assert report.conflicts == 1
    journey = store.read_all()[JOURNEY]
    assert (journey["evaluations"], journey["score_sum"], journey["cases"], journey["outcome_resolved"]) == (2, 6, 1, 1)
    assert "outcome_unresolved" not in journey
    assert set(store.cases["k1"].contacts) == {"c1", "c2"}


def test_endless_conflicts_give_up_and_leave_the_store_untouched() -> None:
    store = FakeAggregateStore()
    store.conflicts_to_raise = MAX_ATTEMPTS + 1

    with pytest.raises(ConflictError, match="gave up"):
        fold_applied(store, [applied()])

    assert store.read_all() == {} and store.ledger == {}


def test_a_batch_too_big_for_one_commit_is_folded_in_even_chunks_and_still_exact() -> None:
    store = FakeAggregateStore()
    # each conversation its own case: a stream batch of 100 holds 100 ledger entries and 100 case states
    batch = [applied(conversation(f"c{i}", case_id=f"k{i}", agent_id=f"a{i % 7}"), 1 + i % 5) for i in range(100)]

    report = fold_applied(store, batch)

    sizes = [len(plan.ledger) for plan in store.applied_plans]
    assert sizes == [25, 25, 25, 25]
    assert all(len(p.ledger) + len(p.cases) + 3 <= TRANSACTION_LIMIT for p in store.applied_plans)
    assert max(sizes) <= CONVERSATIONS_PER_COMMIT
    assert report.folded == 100
    assert report.writes == sum(plan.write_count() for plan in store.applied_plans)
    journey = store.read_all()[JOURNEY]
    assert (journey["evaluations"], journey["cases"]) == (100, 100)
    assert journey["score_sum"] == 20 * (1 + 2 + 3 + 4 + 5)
    assert store.read_all() == recompute(batch)


def test_conflicts_wait_longer_each_time_with_jitter_before_the_fold_re_plans() -> None:
    store = FakeAggregateStore()
    store.conflicts_to_raise = 4
    waits: list[float] = []
    backoff = Backoff(base=0.01, cap=0.05, sleep=waits.append)

    report = fold_applied(store, [applied(conversation("c1"), 4)], backoff)

    assert report.conflicts == 4 and report.folded == 1
    assert len(waits) == 4
    assert all(0 <= w <= min(0.05, 0.01 * 2**n) for n, w in enumerate(waits))
    assert len(set(waits)) == 4, "jittered: no two waits alike"
    assert store.read_all()[JOURNEY]["evaluations"] == 1


def test_a_retry_after_a_death_between_commit_and_increments_finishes_them_once() -> None:
    store = FakeAggregateStore()
    batch = [applied(conversation("c1"), 4), applied(conversation("c2", case_id="k2"), 2)]
    store.die_after_next_commit = True
    with pytest.raises(RuntimeError, match="killed after the commit"):
        fold_applied(store, batch)
    assert set(store.ledger) == {"c1", "c2"} and JOURNEY not in store.read_all()

    retry = fold_applied(store, batch)  # the stream delivers the batch again

    assert (retry.folded, retry.skipped) == (0, 2)
    assert store.pending == []
    assert store.read_all() == recompute(batch)
    fold_applied(store, batch)
    assert store.read_all() == recompute(batch), "a third delivery changes nothing"


def test_applying_the_same_batch_twice_changes_nothing() -> None:
    store = FakeAggregateStore()
    batch = [applied(conversation("c1"), 4), applied(conversation("c2", started_at=at("2026-03-02 11:00")), 3)]
    fold_applied(store, batch)
    before, plans = store.read_all(), len(store.applied_plans)

    again = fold_applied(store, batch)

    assert (again.folded, again.skipped, again.writes) == (0, 2, 0)
    assert store.read_all() == before
    assert len(store.applied_plans) == plans


def test_a_batch_mixing_a_retry_and_a_new_evaluation_folds_only_the_new_one() -> None:
    store = FakeAggregateStore()
    fold_applied(store, [applied(conversation("c1"), 4)])

    report = fold_applied(store, [applied(conversation("c1"), 4), applied(conversation("c2", case_id="k2"), 2)])

    assert (report.folded, report.skipped) == (1, 1)
    assert store.read_all()[JOURNEY]["evaluations"] == 2


def test_an_empty_batch_writes_nothing() -> None:
    store = FakeAggregateStore()

    report = fold_applied(store, [])

    assert (report.folded, report.writes) == (0, 0)
    assert store.applied_plans == []


def test_the_fake_rejects_a_stale_plan_whole() -> None:
    store = FakeAggregateStore()
    stale = plan_fold([applied(conversation("c1"), 2), applied(conversation("c2", case_id="k2"), 3)], {}, {})
    fold_applied(store, [applied(conversation("c2", case_id="k2"), 5)])
    before = store.read_all()

    with pytest.raises(ConflictError):
        store.apply(stale)

    assert store.read_all() == before
    assert "c1" not in store.ledger
