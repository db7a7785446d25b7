"""`/cx journey`: the period's figures against the period before, a daily trend, and finding the journey."""

from __future__ import annotations

from datetime import date

import pytest
from fakes import FakeDayReader

from cx.aggregation.counters import Counts
from cx.ranges import DateRange
from cx.reports.journey import UnknownJourney, journey_report, resolve_journey

PERIOD = DateRange(date(2026, 3, 2), date(2026, 3, 4), "this-week")  # the period before: 27 Feb - 1 Mar


def day(scores: list[int], cases: int = 0, resolved: int = 0) -> Counts:
    counts: Counts = {
        "evaluations": len(scores),
        "score_sum": sum(scores),
        "cases": cases,
        "outcome_resolved": resolved,
    }
    for s in scores:
        counts[f"hist_{s}"] = counts.get(f"hist_{s}", 0) + 1
    return counts


READER_DAYS = {
    "journey=billing": {
        date(2026, 2, 26): day([1, 1, 1]),  # before the previous period
        date(2026, 2, 27): day([3, 3], cases=2, resolved=1),
        date(2026, 3, 1): day([4], cases=1),
        date(2026, 3, 2): day([4, 5], cases=2, resolved=2),
        date(2026, 3, 4): day([2], cases=1),
        date(2026, 3, 5): day([5, 5, 5]),  # after the period
    },
    "journey=delivery": {date(2026, 3, 2): day([1, 1])},
}


def test_current_and_previous_period_figures() -> None:
    report = journey_report(FakeDayReader(READER_DAYS), "billing", PERIOD, pass_threshold=4)

    assert (report.current.evaluations, report.current.score_sum, report.current.cases) == (3, 11, 3)
    assert report.current.outcomes["resolved"] == 2
    assert (report.previous.evaluations, report.previous.score_sum, report.previous.cases) == (3, 10, 3)
    assert report.score_change == pytest.approx(11 / 3 - 10 / 3)
    # pass at 4: now 4 and 5 of 4, 5, 2; before only the 4 of 3, 3, 4
    assert report.current.pass_rate(4) == pytest.approx(2 / 3)
    assert report.pass_rate_change == pytest.approx(2 / 3 - 1 / 3)


def test_trend_has_one_point_per_day_and_none_on_empty_days() -> None:
    report = journey_report(FakeDayReader(READER_DAYS), "billing", PERIOD, pass_threshold=4)

    assert [(p.day, p.evaluations, p.avg_score) for p in report.trend] == [
        (date(2026, 3, 2), 2, 4.5),
        (date(2026, 3, 3), 0, None),
        (date(2026, 3, 4), 1, 2.0),
    ]


def test_reads_only_the_journey_asked_for_over_both_periods() -> None:
    reader = FakeDayReader(READER_DAYS)

    journey_report(reader, "billing", PERIOD, pass_threshold=4)

    assert reader.calls == [("journey=billing", date(2026, 2, 27), date(2026, 3, 4))]


def test_no_earlier_data_means_no_change_rather_than_a_change_from_zero() -> None:
    reader = FakeDayReader({"journey=billing": {date(2026, 3, 2): day([5])}})

    report = journey_report(reader, "billing", PERIOD, pass_threshold=4)

    assert report.current.evaluations == 1
    assert report.previous.evaluations == 0
    assert report.score_change is None
    assert report.pass_rate_change is None


def test_a_journey_with_no_data_gives_an_empty_report() -> None:
    report = journey_report(FakeDayReader({}), "billing", PERIOD, pass_threshold=4)

    assert report.current.evaluations == 0
    assert report.current.avg_score is None
    assert [p.avg_score for p in report.trend] == [None, None, None]


KNOWN = {"billing", "delivery", "account-access"}


def test_resolve_an_exact_name() -> None:
    assert resolve_journey("billing", KNOWN) == "billing"


def test_resolve_ignores_case_and_spaces() -> None:
    assert resolve_journey("  BILLING ", KNOWN) == "billing"


def test_a_typo_suggests_the_close_name() -> None:
    with pytest.raises(UnknownJourney) as raised:
        resolve_journey("biling", KNOWN)

    assert raised.value.suggestions[0] == "billing"
    assert raised.value.name == "biling"


def test_part_of_a_name_suggests_the_names_containing_it() -> None:
    with pytest.raises(UnknownJourney) as raised:
        resolve_journey("access", KNOWN)

    assert "account-access" in raised.value.suggestions


def test_nonsense_gets_no_suggestions() -> None:
    with pytest.raises(UnknownJourney) as raised:
        resolve_journey("zzqxj", KNOWN)

    assert raised.value.suggestions == []


def test_no_known_journeys_means_no_suggestions() -> None:
    with pytest.raises(UnknownJourney) as raised:
        resolve_journey("billing", set())

    assert raised.value.suggestions == []
