"""Named date ranges as a support manager types them, resolved in the workspace's time zone."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

NAMED = ("today", "yesterday", "this-week", "last-week", "last-7d", "last-30d", "this-month", "last-month")
_EXPLICIT = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
_LAST_N = re.compile(r"^last-(\d{1,3})d$")
MAX_DAYS = 366


class RangeError(ValueError):
    """A range the user typed that cannot be understood; the message says what is accepted."""


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date  # inclusive
    label: str
    unit: str = "days"  # week | month | days: what "the period before" is (a calendar week or month, or as many days)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    def previous(self) -> DateRange:
        """The calendar period before: a week's is the week before, a month's the month before (the same days of
        it while the week or month is still running); any other range the same number of days just before."""
        if self.unit == "week":
            whole = self.days == 7
            label = "the week before" if whole else "the same days of the week before"
            return DateRange(self.start - timedelta(days=7), self.end - timedelta(days=7), label, "week")
        if self.unit == "month":
            last_day = self.start - timedelta(days=1)
            first = _month_start(last_day)
            if self.end == _month_end(self.end):
                return DateRange(first, last_day, "the month before", "month")
            end = min(first + timedelta(days=self.days - 1), last_day)
            return DateRange(first, end, "the same days of the month before", "month")
        end = self.start - timedelta(days=1)
        label = "the day before" if self.days == 1 else f"the {self.days} days before"
        return DateRange(end - timedelta(days=self.days - 1), end, label)

    def describe(self) -> str:
        if self.start == self.end:
            return f"{self.label} ({self.start:%a %d %b %Y})"
        return f"{self.label} ({self.start:%d %b} – {self.end:%d %b %Y})"


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def parse_range(text: str, now: datetime, tz: tzinfo) -> DateRange:
    """Resolve ``text`` (e.g. ``last-week``) against ``now`` in time zone ``tz``.

    Weeks run Monday to Sunday; ``last-Nd`` is the N days ending today, today included.
    """
    today = now.astimezone(tz).date()
    key = text.strip().lower()
    monday = today - timedelta(days=today.weekday())
    if key == "today":
        return DateRange(today, today, key)
    if key == "yesterday":
        day = today - timedelta(days=1)
        return DateRange(day, day, key)
    if key == "this-week":
        return DateRange(monday, today, key, "week")
    if key == "last-week":
        return DateRange(monday - timedelta(days=7), monday - timedelta(days=1), key, "week")
    if key == "this-month":
        return DateRange(_month_start(today), today, key, "month")
    if key == "last-month":
        last_day = _month_start(today) - timedelta(days=1)
        return DateRange(_month_start(last_day), last_day, key, "month")
    if match := _LAST_N.match(key):
        n = int(match.group(1))
        if not 1 <= n <= MAX_DAYS:
            raise RangeError(f"`{text}`: last-Nd takes 1 to {MAX_DAYS} days")
        return DateRange(today - timedelta(days=n - 1), today, key)
    if match := _EXPLICIT.match(key):
        try:
            start, end = (date.fromisoformat(match.group(i)) for i in (1, 2))
        except ValueError as exc:
            raise RangeError(f"`{text}`: {exc}") from None
        if end < start:
            raise RangeError(f"`{text}`: the range ends before it starts; write START..END")
        if (end - start).days + 1 > MAX_DAYS:
            raise RangeError(f"`{text}`: at most {MAX_DAYS} days at a time")
        return DateRange(start, end, f"{start}..{end}")
    meant = difflib.get_close_matches(key, NAMED, n=1, cutoff=0.6)
    hint = f"Did you mean `{meant[0]}`? " if meant else ""
    raise RangeError(
        f"I don't know the range `{text}`. {hint}Try one of: {', '.join(NAMED)}, last-Nd (e.g. last-14d), "
        "or YYYY-MM-DD..YYYY-MM-DD."
    )
