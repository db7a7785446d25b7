"""Folding into a store exactly once: retried on conflict, split to fit a transaction, idempotent."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime

import pytest
from factories import applied, at, conversation, evaluation
from fakes import FakeAggregateStore

from cx.aggregation.fold import plan_fold
from cx.aggregation.rebuild import recompute
from cx.aggregation.service import MAX_ATTEMPTS, MAX_ITEMS_PER_APPLY, fold, fold_applied
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


def test_a_batch_too_big_for_one_transaction_is_split_and_still_exact() -> None:
    store = FakeAggregateStore()
    # each conversation its own case and agent: 1 ledger entry + 8 items of its own (case, journey-agent,
    # two case rows, three agent performance rows, its cube cell), 5 shared items (journey, its channel,
    # inquiry and scorer; channel)
    batch = [applied(conversation(f"c{i}", case_id=f"k{i}", agent_id=f"a{i}"), 1 + i % 5) for i in range(40)]
    assert plan_fold(batch, {}, {}).write_count() == 40 * 9 + 5 > MAX_ITEMS_PER_APPLY

    report = fold_applied(store, batch)

    assert len(store.applied_plans) > 1
    assert all(plan.write_count() <= MAX_ITEMS_PER_APPLY for plan in store.applied_plans)
    assert report.folded == 40
    assert report.writes == sum(plan.write_count() for plan in store.applied_plans)
    journey = store.read_all()[JOURNEY]
    assert (journey["evaluations"], journey["cases"]) == (40, 40)
    assert journey["score_sum"] == 8 * (1 + 2 + 3 + 4 + 5)
    assert all(journey[f"hist_{s}"] == 8 for s in range(1, 6))
    assert store.read_all() == recompute(batch)


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
