"""The digest's periods: the one reported on and the eight of the same length before it."""

from __future__ import annotations

from datetime import date, timedelta

from cx.ranges import DateRange

HISTORY = 8  # earlier periods the current one is compared with (and the chart shows with it)


def periods(current: DateRange, history: int = HISTORY) -> list[DateRange]:
    """``history`` earlier periods of the same length, oldest first, then ``current``."""
    out = [current]
    for _ in range(history):
        out.insert(0, out[0].previous())
    return out


def week_to(day: date, label: str | None = None) -> DateRange:
    """The seven days ending on ``day`` (inclusive), labelled as a range `/cx` commands accept."""
    start = day - timedelta(days=6)
    return DateRange(start, day, label or f"{start.isoformat()}..{day.isoformat()}")
