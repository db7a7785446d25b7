"""`/cx journeys [range]`: every journey in one table, each against the period before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from cx.aggregation.counters import Counts, total
from cx.ranges import DateRange
from cx.reports.figures import Figures
from cx.reports.slices import EVERYTHING, Slice


class DayReader(Protocol):
    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]: ...


@dataclass(frozen=True)
class JourneyRow:
    journey: str
    current: Figures
    previous: Figures

    def score_change(self) -> float | None:
        now, before = self.current.avg_score, self.previous.avg_score
        return None if now is None or before is None else now - before

    def pass_rate_change(self, threshold: int) -> float | None:
        now, before = self.current.pass_rate(threshold), self.previous.pass_rate(threshold)
        return None if now is None or before is None else now - before


@dataclass(frozen=True)
class JourneysReport:
    period: DateRange
    rows: list[JourneyRow]  # journeys with cases in the period, worst average first
    empty: list[str]  # known journeys with no case in the period
    pass_threshold: int
    slice: Slice


def period_counts(reader: DayReader, pks: list[str], period: DateRange) -> tuple[Counts, Counts, dict[date, Counts]]:
    """Counters for the period, for the period before, and per day of the period, summed over ``pks``."""
    before = period.previous()
    current: list[Counts] = []
    previous: list[Counts] = []
    by_day: dict[date, list[Counts]] = {}
    for pk in pks:
        for day, counts in reader.read_days(pk, before.start, period.end).items():
            if period.start <= day <= period.end:
                current.append(counts)
                by_day.setdefault(day, []).append(counts)
            elif before.start <= day <= before.end:
                previous.append(counts)
    return total(current), total(previous), {d: total(c) for d, c in by_day.items()}


def journeys_report(
    reader: DayReader, journeys: set[str], period: DateRange, pass_threshold: int, where: Slice = EVERYTHING
) -> JourneysReport:
    rows, empty = [], []
    for journey in sorted(journeys):
        current, previous, _ = period_counts(reader, where.day_pks(journey), period)
        now = Figures.of(current)
        if now.cases == 0:
            empty.append(journey)
            continue
        rows.append(JourneyRow(journey, now, Figures.of(previous)))
    rows.sort(key=lambda r: (r.current.avg_score if r.current.avg_score is not None else 9.0, r.journey))
    return JourneysReport(period, rows, empty, pass_threshold, where)
