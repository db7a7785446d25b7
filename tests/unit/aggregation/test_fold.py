"""Planning a fold: one evaluation in, a re-score moved, a retry skipped, cases counted once."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import permutations

from factories import applied, at, conversation
from fakes import FakeAggregateStore

from cx.aggregation.contribution import Applied
from cx.aggregation.counters import Counts
from cx.aggregation.fold import plan_fold
from cx.aggregation.rebuild import recompute
from cx.domain.conversation import CaseOutcome, Channel

DAY = "2026-03-02"
JOURNEY = ("journey=billing", DAY)
JOURNEY_CHANNEL = ("journey=billing|channel=chat", DAY)
CHANNEL = ("channel=chat", DAY)
CASE = ("case=k1", "case")
JOURNEY_AGENT = ("journey=billing|agent=a1", DAY)
CASE_ROW = (f"cases|journey=billing|{DAY}", f"4.00#{DAY}#k1")  # DAY is a Monday: its week's partition
CASE_ROW_AGENT = (f"cases|journey=billing|agent=a1|{DAY}", f"4.00#{DAY}#k1")
INQUIRY_BY_AGENT = ("inquiry=refund|by-agent", f"{DAY}#a1#-")
AGENT_BY_INQUIRY = ("agent=a1|by-inquiry", f"{DAY}#refund")
RECENT = ("recent|agent=a1|inquiry=refund", "2026-03-02T10:00:00Z#c1")
JOURNEY_INQUIRY = ("journey=billing|inquiry=refund", DAY)
JOURNEY_SCORER = ("journey=billing|scorer=offline@1/rules/r1", DAY)
CUBE_CELL = (f"cube|journey=billing|{DAY}", f"{DAY}#-|chat|refund|a1")


def fold_each(store: FakeAggregateStore, steps: Sequence[Applied]) -> None:
    """Fold one evaluation at a time, each planned against what the store then holds."""
    for step in steps:
        ids = [step.conversation_id]
        store.apply(plan_fold([step], store.applied(ids), store.case_states([step.case_id])))


def test_one_evaluation_adds_itself_to_every_key_and_its_case_to_the_journey_day() -> None:
    plan = plan_fold([applied(score=4)], {}, {})

    one: Counts = {
        "evaluations": 1,
        "score_sum": 4,
        "hist_4": 1,
        "resolution_resolved": 1,
        "sentiment_sum": 4.0,
        "effort_sum": 3.5,
        "quality_sum": 4.5,
    }
    case: Counts = {"cases": 1, "outcome_resolved": 1}
    row: Counts = {**case, "evaluations": 1, "score_sum": 4, "hist_4": 1}
    assert plan.increments == {
        JOURNEY: {**one, **case},
        JOURNEY_CHANNEL: {**one, **case},
        JOURNEY_AGENT: {**one, **case},
        JOURNEY_INQUIRY: one,
        JOURNEY_SCORER: one,
        CUBE_CELL: {**one, **case},
        CHANNEL: one,
        CASE: one,
        CASE_ROW: row,
        CASE_ROW_AGENT: row,
        INQUIRY_BY_AGENT: one,
        AGENT_BY_INQUIRY: one,
        RECENT: one,
    }
    assert not plan.is_noop and plan.skipped == 0
    assert plan.ledger["c1"].expected_previous is None


def test_a_case_with_two_contacts_counts_once_with_one_outcome() -> None:
    opened = at("2026-03-02 09:00")
    first = applied(conversation("c1", case_opened_at=opened, outcome=CaseOutcome.UNRESOLVED), score=2)
    second = applied(
        conversation("c2", case_opened_at=opened, started_at=at("2026-03-02 16:00"), channel=Channel.EMAIL), score=5
    )

    journey = plan_fold([first, second], {}, {}).increments[JOURNEY]

    assert journey["evaluations"] == 2
    assert journey["score_sum"] == 7
    assert journey["cases"] == 1
    assert journey["outcome_resolved"] == 1
    assert "outcome_unresolved" not in journey


def test_the_latest_contacts_outcome_wins_in_either_arrival_order() -> None:
    earlier = applied(conversation("c1", started_at=at("2026-03-02 09:00"), outcome=CaseOutcome.ABANDONED), score=1)
    later = applied(conversation("c2", started_at=at("2026-03-02 17:00"), outcome=CaseOutcome.RESOLVED), score=5)
    in_order, reversed_order = FakeAggregateStore(), FakeAggregateStore()

    fold_each(in_order, [earlier, later])
    fold_each(reversed_order, [later, earlier])

    assert in_order.read_all() == reversed_order.read_all()
    assert in_order.read_all()[JOURNEY]["outcome_resolved"] == 1
    assert "outcome_abandoned" not in in_order.read_all()[JOURNEY]
    assert plan_fold([earlier, later], {}, {}).increments == plan_fold([later, earlier], {}, {}).increments


def test_an_entry_from_before_the_cube_is_moved_into_it_when_rescored_and_never_below_zero() -> None:
    store = FakeAggregateStore()
    old = applied(score=4).model_copy(update={"cube": None})
    fold_each(store, [old])
    assert CUBE_CELL not in store.read_all()

    fold_each(store, [applied(score=2)])

    cell = store.read_all()[CUBE_CELL]
    assert (cell["evaluations"], cell["hist_2"]) == (1, 1)


def test_a_case_counts_in_its_latest_cube_cell_and_moves_with_a_transfer_in_any_arrival_order() -> None:
    opened = at("2026-03-02 09:00")
    first = applied(conversation("c1", case_opened_at=opened, team="payments"), score=2)
    later = at("2026-03-02 16:00")
    moved = conversation(
        "c2", case_opened_at=opened, started_at=later, team="disputes", channel=Channel.EMAIL, agent_id="a2"
    )
    second = applied(moved, score=5)
    in_order, reversed_order = FakeAggregateStore(), FakeAggregateStore()

    fold_each(in_order, [first, second])
    fold_each(reversed_order, [second, first])

    cells = {sk: c for (pk, sk), c in in_order.read_all().items() if pk.startswith("cube|")}
    assert cells[f"{DAY}#payments|chat|refund|a1"]["evaluations"] == 1
    assert "cases" not in cells[f"{DAY}#payments|chat|refund|a1"]  # the case went to disputes' email
    assert cells[f"{DAY}#disputes|email|refund|a2"]["cases"] == 1
    assert cells[f"{DAY}#disputes|email|refund|a2"]["outcome_resolved"] == 1
    assert in_order.read_all() == reversed_order.read_all() == recompute([first, second])


def test_a_case_from_before_the_cube_gets_its_cube_count_with_its_next_contact_and_never_below_zero() -> None:
    store = FakeAggregateStore()
    opened = at("2026-03-02 09:00")
    old = applied(conversation("c1", case_opened_at=opened), score=4).model_copy(update={"cube": None})
    fold_each(store, [old])
    assert not any(pk.startswith("cube|") for pk, _ in store.read_all())

    fold_each(store, [applied(conversation("c2", case_opened_at=opened, started_at=at("2026-03-02 16:00")))])

    cell = store.read_all()[CUBE_CELL]
    assert (cell["cases"], cell["evaluations"]) == (1, 1)  # the case once; only the new contact's evaluation
    assert all(v >= 0 for counts in store.read_all().values() for v in counts.values())


def test_a_rescore_moves_the_score_without_adding_an_evaluation() -> None:
    store = FakeAggregateStore()
    first = applied(score=4, rubric="r1")
    rescore = applied(score=2, rubric="r2")
    fold_each(store, [first])

    plan = plan_fold([rescore], store.applied(["c1"]), store.case_states(["k1"]))

    moved = {"score_sum": -2, "hist_4": -1, "hist_2": 1}
    # the case's row in the case index moves to its new rank
    row_out = {"cases": -1, "outcome_resolved": -1, "evaluations": -1, "score_sum": -4, "hist_4": -1}
    row_in = {"cases": 1, "outcome_resolved": 1, "evaluations": 1, "score_sum": 2, "hist_2": 1}
    assert plan.increments == {
        **{key: moved for key in (JOURNEY, JOURNEY_CHANNEL, JOURNEY_AGENT, JOURNEY_INQUIRY, CHANNEL, CASE)},
        **{key: moved for key in (INQUIRY_BY_AGENT, AGENT_BY_INQUIRY, RECENT, CUBE_CELL)},
        # the scorer changed with the rubric: the evaluation moves from one scorer's key to the other's
        JOURNEY_SCORER: {k: -v for k, v in applied(score=4, rubric="r1").counts().items()},
        ("journey=billing|scorer=offline@1/rules/r2", DAY): applied(score=2, rubric="r2").counts(),
        CASE_ROW: row_out,
        CASE_ROW_AGENT: row_out,
        (CASE_ROW[0], f"2.00#{DAY}#k1"): row_in,
        (CASE_ROW_AGENT[0], f"2.00#{DAY}#k1"): row_in,
    }
    assert plan.ledger["c1"].expected_previous == first.fingerprint
    store.apply(plan)
    journey = store.read_all()[JOURNEY]
    assert (journey["evaluations"], journey["score_sum"], journey["hist_2"], journey["cases"]) == (1, 2, 1, 1)
    assert "hist_4" not in journey


def test_folding_the_same_evaluation_again_is_skipped() -> None:
    store = FakeAggregateStore()
    once = applied()
    fold_each(store, [once])

    plan = plan_fold([once], store.applied(["c1"]), store.case_states(["k1"]))

    assert plan.is_noop
    assert plan.skipped == 1
    assert plan.increments == {}


def test_the_same_evaluation_twice_in_one_batch_counts_once() -> None:
    plan = plan_fold([applied(), applied()], {}, {})

    assert plan.skipped == 1
    assert plan.increments[JOURNEY]["evaluations"] == 1


def test_a_conversation_without_journey_or_date_counts_only_in_its_case() -> None:
    undated = applied(conversation(journey=None, started_at=None))

    plan = plan_fold([undated], {}, {})

    assert list(plan.increments) == [CASE]
    assert plan.increments[CASE]["evaluations"] == 1
    assert "cases" not in plan.increments[CASE]


def test_a_case_without_outcome_adds_evaluations_but_no_case() -> None:
    journey = plan_fold([applied(conversation(outcome=None))], {}, {}).increments[JOURNEY]

    assert journey["evaluations"] == 1
    assert "cases" not in journey
    assert not [name for name in journey if name.startswith("outcome_")]


def test_an_outcome_arriving_later_adds_the_case_then() -> None:
    store = FakeAggregateStore()
    fold_each(store, [applied(conversation("c1", outcome=None))])
    closing = applied(conversation("c2", started_at=at("2026-03-02 12:00"), outcome=CaseOutcome.ESCALATED))

    fold_each(store, [closing])

    journey = store.read_all()[JOURNEY]
    assert (journey["evaluations"], journey["cases"], journey["outcome_escalated"]) == (2, 1, 1)


def test_write_count_is_ledger_entries_plus_distinct_items() -> None:
    plan = plan_fold([applied()], {}, {})

    # one ledger entry; journey, journey-channel, journey-agent, journey-inquiry, journey-scorer, channel; the
    # case item (counters and state); the case's rows in its journey's case index, all and the agent's; the agent
    # performance rows (inquiry by agent, agent by inquiry, the agent's recent contacts)
    assert plan.write_count() == 1 + 7 + 2 + 3 + 1  # and the cube cell of `/cx why`


def test_the_latest_known_outcome_wins_in_every_arrival_order_when_the_newest_contact_has_none() -> None:
    escalated = applied(conversation("c1", started_at=at("2026-03-02 09:00"), outcome=CaseOutcome.ESCALATED))
    resolved = applied(conversation("c2", started_at=at("2026-03-02 12:00"), outcome=CaseOutcome.RESOLVED))
    no_outcome = applied(conversation("c3", started_at=at("2026-03-02 15:00"), outcome=None))
    outcomes = {}
    for order in permutations([escalated, resolved, no_outcome]):
        store = FakeAggregateStore()
        fold_each(store, order)
        journey = store.read_all()[JOURNEY]
        outcomes[tuple(a.conversation_id for a in order)] = [n for n in journey if n.startswith("outcome_")]

    # the newest contact says nothing, so the newest that does (c2, resolved) decides
    assert outcomes == {order: ["outcome_resolved"] for order in outcomes}


def test_a_rescored_older_contact_with_a_new_outcome_matches_recompute() -> None:
    store = FakeAggregateStore()
    first = conversation("c1", started_at=at("2026-03-02 09:00"), outcome=CaseOutcome.ESCALATED)
    later = conversation("c2", started_at=at("2026-03-02 15:00"), outcome=None)
    first_closed = conversation(
        "c1", started_at=at("2026-03-02 09:00"), outcome=CaseOutcome.RESOLVED, text="I was charged twice, fixed now"
    )
    fold_each(store, [applied(first), applied(later), applied(first_closed)])

    assert store.read_all()[JOURNEY].get("outcome_resolved") == 1
    assert store.read_all() == recompute(store.ledger.values())
