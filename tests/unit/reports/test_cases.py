"""A journey's cases from its per-day case indexes: worst first, a page at a time, by slice, bounded reads."""

from __future__ import annotations

from datetime import date

from factories import applied, at, conversation
from fakes import FakeAggregateStore

from cx.aggregation.service import fold_applied
from cx.domain.conversation import CaseOutcome
from cx.ranges import DateRange
from cx.reports.cases import case_page, case_rows
from cx.reports.slices import Slice

WEEK = DateRange(date(2026, 3, 2), date(2026, 3, 8), "week")


def _store() -> FakeAggregateStore:
    store = FakeAggregateStore()
    fold_applied(
        store,
        [
            applied(conversation("c1", case_id="good", team="alpha"), score=5),
            applied(conversation("c2", case_id="bad", team="beta", outcome=CaseOutcome.ESCALATED), score=1),
            applied(conversation("c3", case_id="bad", team="beta", started_at=at("2026-03-02 15:00")), score=3),
            applied(conversation("c4", case_id="late", started_at=at("2026-03-10 09:00")), score=1),
            applied(conversation("c5", case_id="open", outcome=None), score=1),
            applied(conversation("c6", case_id="mid", started_at=at("2026-03-04 09:00")), score=4),
        ],
    )
    return store


def test_cases_in_the_period_come_worst_first_with_their_contacts_scores() -> None:
    rows = case_rows(_store(), "billing", WEEK)

    assert [(r.case_id, r.figures.evaluations, r.figures.avg_score) for r in rows] == [
        ("bad", 2, 2.0),
        ("mid", 1, 4.0),
        ("good", 1, 5.0),
    ]
    assert rows[0].outcome == "resolved", "the latest contact's outcome"
    assert rows[0].day == date(2026, 3, 2)


def test_a_rescored_case_moves_in_the_ranking() -> None:
    store = _store()
    fold_applied(store, [applied(conversation("c1", case_id="good", team="alpha"), score=1, rubric="r2")])

    assert [r.case_id for r in case_rows(store, "billing", WEEK)] == ["good", "bad", "mid"]


def test_a_team_slice_lists_only_cases_whose_latest_contact_is_that_team() -> None:
    rows = case_rows(_store(), "billing", WEEK, Slice("team", ("alpha",)))

    assert [r.case_id for r in rows] == ["good"]


def test_a_page_reads_at_most_a_page_per_day_and_pages_cover_every_case_once() -> None:
    store = _store()

    pages = [case_page(store, "billing", WEEK, total=3, page=p, size=2) for p in (0, 1, 7)]

    assert [[r.case_id for r in p.rows] for p in pages] == [["bad", "mid"], ["good"], ["good"]]
    assert (pages[0].pages, pages[2].page) == (2, 1)
    pks, count = store.ranked_reads[0]
    assert len(pks) == 1 and count == 2, "one partition a week, a page's worth from each"


def test_cases_of_days_outside_the_range_in_the_same_week_are_left_out() -> None:
    tuesday_to_sunday = DateRange(date(2026, 3, 3), date(2026, 3, 8), "rest of week")

    assert [r.case_id for r in case_rows(_store(), "billing", tuesday_to_sunday)] == ["mid"]
