"""A journey's cases from its case index: worst first, a page at a time, and by slice."""

from __future__ import annotations

from datetime import date

from factories import applied, at, conversation
from fakes import FakeAggregateStore

from cx.aggregation.service import fold_applied
from cx.domain.conversation import CaseOutcome
from cx.ranges import DateRange
from cx.reports.cases import case_rows, page_of
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
        ],
    )
    return store


def test_cases_in_the_period_come_worst_first_with_their_contacts_scores() -> None:
    rows = case_rows(_store(), "billing", WEEK)

    assert [(r.case_id, r.figures.evaluations, r.figures.avg_score) for r in rows] == [
        ("bad", 2, 2.0),
        ("good", 1, 5.0),
    ]
    assert rows[0].outcome == "resolved", "the latest contact's outcome"


def test_a_team_slice_lists_only_cases_whose_latest_contact_is_that_team() -> None:
    rows = case_rows(_store(), "billing", WEEK, Slice("team", ("alpha",)))

    assert [r.case_id for r in rows] == ["good"]


def test_pages_cover_every_case_once_and_clamp_out_of_range_pages() -> None:
    rows = case_rows(_store(), "billing", WEEK)

    first, last = page_of(rows, 0, size=1), page_of(rows, 9, size=1)

    assert (first.pages, first.total, [r.case_id for r in first.rows]) == (2, 2, ["bad"])
    assert (last.page, [r.case_id for r in last.rows]) == (1, ["good"])
