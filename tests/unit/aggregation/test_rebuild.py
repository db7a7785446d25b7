"""Recomputing the aggregates from the ledger, and listing where the stored ones differ."""

from __future__ import annotations

from factories import applied, at, conversation
from fakes import FakeAggregateStore

from cx.aggregation.fold import plan_fold
from cx.aggregation.rebuild import compare, recompute
from cx.domain.conversation import CaseOutcome, Channel


def test_recompute_over_the_final_state_equals_folding_step_by_step_with_rescores() -> None:
    c1 = conversation("c1", started_at=at("2026-03-02 10:00"), outcome=CaseOutcome.UNRESOLVED)
    c2 = conversation("c2", started_at=at("2026-03-02 16:00"), channel=Channel.EMAIL)
    c3 = conversation("c3", case_id="k2", journey="delivery", agent_id="b", started_at=at("2026-03-03 08:00"))
    c4 = conversation("c4", case_id="k3", journey=None, started_at=None)
    steps = [
        applied(c1, 2),
        applied(c3, 3),
        applied(c2, 5),
        applied(c1, 3, rubric="r2"),  # re-score
        applied(c4, 4),
        applied(c3, 1, rubric="r2"),  # re-score
    ]
    store = FakeAggregateStore()
    for step in steps:
        store.apply(plan_fold([step], store.applied([step.conversation_id]), store.case_states([step.case_id])))

    rebuilt = recompute(store.ledger.values())

    assert rebuilt == store.read_all()
    assert compare(store.read_all(), rebuilt) == []
    billing = rebuilt[("journey=billing", "2026-03-02")]
    assert (billing["evaluations"], billing["score_sum"], billing["cases"], billing["outcome_resolved"]) == (2, 8, 1, 1)
    delivery = rebuilt[("journey=delivery", "2026-03-03")]
    assert (delivery["evaluations"], delivery["score_sum"], delivery["hist_1"]) == (1, 1, 1)
    assert "hist_3" not in delivery


def test_recompute_of_nothing_is_empty() -> None:
    assert recompute([]) == {}


def test_compare_lists_exactly_the_differing_keys() -> None:
    same = ("journey=billing", "2026-03-02")
    changed = ("journey=billing", "2026-03-03")
    only_stored = ("channel=chat", "2026-03-02")
    only_expected = ("channel=email", "2026-03-02")
    stored = {same: {"evaluations": 2, "score_sum": 8}, changed: {"evaluations": 1}, only_stored: {"evaluations": 1}}
    expected = {same: {"evaluations": 2, "score_sum": 8}, changed: {"evaluations": 2}, only_expected: {"cases": 1}}

    diffs = compare(stored, expected)

    assert [d.key for d in diffs] == sorted([changed, only_stored, only_expected])
    by_key = {d.key: d for d in diffs}
    assert by_key[only_stored].expected == {}
    assert by_key[only_expected].stored == {}
    assert by_key[changed].describe() == "journey=billing 2026-03-03: evaluations: 1 stored, 2 expected"


def test_compare_treats_a_zero_counter_as_absent() -> None:
    key = ("journey=billing", "2026-03-02")

    assert compare({key: {"evaluations": 1, "cases": 0}}, {key: {"evaluations": 1}}) == []
    assert compare({key: {"cases": 0}}, {}) == []
