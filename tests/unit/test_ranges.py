"""Date ranges as a support manager types them, resolved in the workspace's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from cx.ranges import DateRange, RangeError, parse_range

WEDNESDAY = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # Wed 4 March 2026
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def span(text: str, now: datetime = WEDNESDAY, tz: ZoneInfo | None = None) -> tuple[date, date]:
    period = parse_range(text, now, tz or ZoneInfo("UTC"))
    return period.start, period.end


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("today", date(2026, 3, 4), date(2026, 3, 4)),
        ("yesterday", date(2026, 3, 3), date(2026, 3, 3)),
        ("this-week", date(2026, 3, 2), date(2026, 3, 4)),  # Monday to today
        ("last-week", date(2026, 2, 23), date(2026, 3, 1)),  # Monday to Sunday
        ("this-month", date(2026, 3, 1), date(2026, 3, 4)),
        ("last-month", date(2026, 2, 1), date(2026, 2, 28)),
        ("last-7d", date(2026, 2, 26), date(2026, 3, 4)),  # seven days, today included
        ("last-1d", date(2026, 3, 4), date(2026, 3, 4)),
        ("last-30d", date(2026, 2, 3), date(2026, 3, 4)),
        ("2026-02-01..2026-02-10", date(2026, 2, 1), date(2026, 2, 10)),
        ("2026-02-10..2026-02-10", date(2026, 2, 10), date(2026, 2, 10)),
    ],
)
def test_named_and_explicit_ranges(text: str, start: date, end: date) -> None:
    assert span(text) == (start, end)


def test_case_and_surrounding_spaces_do_not_matter() -> None:
    assert span("  Last-Week ") == span("last-week")


def test_last_week_on_a_monday_is_the_whole_week_before() -> None:
    monday = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    assert span("last-week", monday) == (date(2026, 2, 23), date(2026, 3, 1))
    assert span("this-week", monday) == (date(2026, 3, 2), date(2026, 3, 2))


def test_last_week_on_a_sunday_excludes_that_sunday() -> None:
    sunday = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)

    assert span("last-week", sunday) == (date(2026, 2, 23), date(2026, 3, 1))
    assert span("this-week", sunday) == (date(2026, 3, 2), date(2026, 3, 8))


def test_last_month_in_january_is_december_of_the_year_before() -> None:
    assert span("last-month", datetime(2026, 1, 15, tzinfo=UTC)) == (date(2025, 12, 1), date(2025, 12, 31))


def test_last_month_in_march_of_a_leap_year_ends_on_the_29th() -> None:
    assert span("last-month", datetime(2028, 3, 31, tzinfo=UTC)) == (date(2028, 2, 1), date(2028, 2, 29))


def test_just_after_midnight_utc_is_still_the_previous_day_in_los_angeles() -> None:
    monday_0330_utc = datetime(2026, 3, 2, 3, 30, tzinfo=UTC)  # Sunday 19:30 in Los Angeles

    assert span("today", monday_0330_utc, LOS_ANGELES) == (date(2026, 3, 1), date(2026, 3, 1))
    assert span("today", monday_0330_utc) == (date(2026, 3, 2), date(2026, 3, 2))
    assert span("this-week", monday_0330_utc, LOS_ANGELES) == (date(2026, 2, 23), date(2026, 3, 1))


def test_the_first_of_the_month_in_utc_can_still_be_last_month_locally() -> None:
    march_1_0500_utc = datetime(2026, 3, 1, 5, 0, tzinfo=UTC)  # 28 Feb 21:00 in Los Angeles

    assert span("this-month", march_1_0500_utc, LOS_ANGELES) == (date(2026, 2, 1), date(2026, 2, 28))
    assert span("last-month", march_1_0500_utc, LOS_ANGELES) == (date(2026, 1, 1), date(2026, 1, 31))


def test_a_year_and_a_day_is_the_longest_range() -> None:
    assert parse_range("2025-01-01..2026-01-01", WEDNESDAY, UTC).days == 366
    assert parse_range("last-366d", WEDNESDAY, UTC).days == 366


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2026-03-10..2026-03-01", "ends before it starts"),
        ("2025-01-01..2026-01-02", "at most 366 days"),
        ("last-367d", "1 to 366 days"),
        ("last-0d", "1 to 366 days"),
        ("2026-02-30..2026-03-01", "2026-02-30"),
    ],
)
def test_impossible_ranges_say_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(RangeError, match=says):
        parse_range(text, WEDNESDAY, UTC)


@pytest.mark.parametrize("text", ["fortnight", "", "last week", "2026-03-01", "2026-03-01..", "last-d"])
def test_nonsense_lists_what_is_accepted(text: str) -> None:
    with pytest.raises(RangeError) as raised:
        parse_range(text, WEDNESDAY, UTC)

    message = str(raised.value)
    for accepted in ("today", "last-week", "last-month", "last-Nd", "YYYY-MM-DD..YYYY-MM-DD"):
        assert accepted in message


def test_a_range_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_range("soon", WEDNESDAY, UTC)


@pytest.mark.parametrize("text", ["last-week", "today", "last-30d", "2026-01-10..2026-02-20"])
def test_the_previous_period_has_the_same_length_and_ends_the_day_before(text: str) -> None:
    period = parse_range(text, WEDNESDAY, UTC)

    before = period.previous()

    assert before.days == period.days
    assert (period.start - before.end).days == 1


def test_previous_of_last_month_is_january_the_calendar_month_before() -> None:
    before = parse_range("last-month", WEDNESDAY, UTC).previous()  # February 2026 against all of January

    assert (before.start, before.end) == (date(2026, 1, 1), date(2026, 1, 31))


def test_each_day_lists_every_day_in_order() -> None:
    period = DateRange(date(2026, 2, 27), date(2026, 3, 2), "x")

    assert period.each_day() == [date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2)]


def test_describe_names_the_range_and_its_dates() -> None:
    assert parse_range("today", WEDNESDAY, UTC).describe() == "today (Wed 04 Mar 2026)"
    assert parse_range("last-week", WEDNESDAY, UTC).describe() == "last-week (23 Feb – 01 Mar 2026)"


def test_calendar_periods_are_compared_with_the_calendar_period_before_and_say_so() -> None:
    wednesday = datetime(2026, 3, 18, 10, tzinfo=UTC)

    this_week = parse_range("this-week", wednesday, UTC).previous()
    assert (this_week.start, this_week.end) == (date(2026, 3, 9), date(2026, 3, 11))
    assert this_week.label == "the same days of the week before"
    last_week = parse_range("last-week", wednesday, UTC).previous()
    assert (last_week.start, last_week.end, last_week.label) == (date(2026, 3, 2), date(2026, 3, 8), "the week before")
    last_month = parse_range("last-month", wednesday, UTC).previous()  # February against January, not 28 days
    assert (last_month.start, last_month.end, last_month.label) == (
        date(2026, 1, 1),
        date(2026, 1, 31),
        "the month before",
    )
    this_month = parse_range("this-month", datetime(2026, 3, 31, tzinfo=UTC), UTC).previous()
    assert (this_month.start, this_month.end) == (date(2026, 2, 1), date(2026, 2, 28))  # clipped to February
    assert parse_range("last-30d", wednesday, UTC).previous().label == "the 30 days before"
    assert parse_range("last-month", wednesday, UTC).previous().previous().start == date(2025, 12, 1)
