"""A bulk load folds through the same plan as the Lambda: exact, idempotent, a re-score moves, in few plans."""

from __future__ import annotations

from factories import applied, conversation
from fakes import FakeAggregateStore

from cx.aggregation.bulk import bulk_fold
from cx.aggregation.rebuild import recompute


def _load(n: int, score: int = 4, cases: int = 7) -> list:
    return [applied(conversation(f"c{i}", case_id=f"k{i % cases}", agent_id=f"a{i % 3}"), score) for i in range(n)]


def test_a_load_in_batches_equals_a_recomputation_and_a_single_plan() -> None:
    load = _load(40)
    batched, whole = FakeAggregateStore(), FakeAggregateStore()

    report = bulk_fold(batched, load, batch=6)
    bulk_fold(whole, load, batch=1000)

    assert batched.read_all() == recompute(load) == whole.read_all()
    assert (report.folded, report.skipped) == (40, 0)
    assert len(batched.bulk_plans) == 7 and len(whole.bulk_plans) == 1
    assert report.writes == sum(plan.write_count() for plan in batched.bulk_plans)
    assert batched.known_journeys() == {"billing"}
    assert batched.held == 0, "the store is let go after the load"


def test_one_plan_writes_each_shared_item_once_where_small_batches_rewrite_it() -> None:
    load = _load(60)
    small, whole = FakeAggregateStore(), FakeAggregateStore()

    small_writes = bulk_fold(small, load, batch=5).writes
    whole_writes = bulk_fold(whole, load).writes

    assert whole_writes == whole.bulk_plans[0].write_count() == len(whole.read_all()) + 60
    assert small_writes > whole_writes


def test_loading_the_same_again_is_skipped_and_a_rescore_moves_the_contribution() -> None:
    store = FakeAggregateStore()
    bulk_fold(store, _load(20))

    again = bulk_fold(store, _load(20))
    rescore = applied(conversation("c3", case_id="k3", agent_id="a0"), 1)
    rescored = bulk_fold(store, [*_load(20)[:5], rescore])

    assert (again.folded, again.skipped, again.writes) == (0, 20, 0)
    assert (rescored.folded, rescored.skipped) == (1, 5)
    latest = {a.conversation_id: a for a in _load(20)} | {"c3": rescore}
    assert store.read_all() == recompute(latest.values())


def test_the_same_conversation_twice_in_one_load_counts_its_last_version_once() -> None:
    store = FakeAggregateStore()
    first, last = applied(conversation("c1"), 5), applied(conversation("c1"), 2)

    report = bulk_fold(store, [first, last])

    assert report.folded == 1
    assert store.read_all() == recompute([last])


def test_progress_hears_of_every_conversation() -> None:
    heard: list[int] = []

    bulk_fold(FakeAggregateStore(), _load(13), batch=5, progress=heard.append)

    assert heard == [5, 5, 3]
