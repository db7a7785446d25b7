"""All journeys in one table: figures against the period before, worst first, empty journeys apart."""

from __future__ import annotations

from datetime import date

from fakes import FakeDayReader

from cx.ranges import DateRange
from cx.reports.journeys import journeys_report
from cx.reports.slices import Slice

WEEK = DateRange(date(2026, 3, 9), date(2026, 3, 15), "week")


def _day(evaluations: int, score_sum: int, cases: int) -> dict[str, float]:
    return {"evaluations": evaluations, "score_sum": score_sum, "cases": cases, "outcome_resolved": cases}


def test_rows_sum_the_period_compare_with_the_one_before_and_come_worst_first() -> None:
    reader = FakeDayReader(
        {
            "journey=billing": {
                date(2026, 3, 9): _day(2, 4, 1),
                date(2026, 3, 15): _day(2, 6, 2),
                date(2026, 3, 2): _day(1, 4, 1),
            },
            "journey=orders": {date(2026, 3, 10): _day(1, 5, 1)},
            "journey=returns": {date(2026, 3, 3): _day(1, 1, 1)},
        }
    )

    report = journeys_report(reader, {"billing", "orders", "returns"}, WEEK, 4)

    assert [r.journey for r in report.rows] == ["billing", "orders"]
    billing = report.rows[0]
    assert (billing.current.evaluations, billing.current.cases, billing.current.avg_score) == (4, 3, 2.5)
    assert billing.score_change() == -1.5
    assert report.empty == ["returns"]


def test_a_slice_sums_its_values_rows() -> None:
    reader = FakeDayReader(
        {
            "journey=billing|team=a": {date(2026, 3, 9): _day(1, 5, 1)},
            "journey=billing|team=b": {date(2026, 3, 9): _day(1, 1, 1)},
            "journey=billing|team=c": {date(2026, 3, 9): _day(5, 5, 5)},
        }
    )

    report = journeys_report(reader, {"billing"}, WEEK, 4, Slice("team", ("a", "b")))

    assert (report.rows[0].current.evaluations, report.rows[0].current.avg_score) == (2, 3.0)
