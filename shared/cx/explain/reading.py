"""The aggregate items one explanation reads: every journey in scope and each of its catalogued slices,
for the period and the one before, in one batch of key reads (never a scan)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from cx.aggregation.counters import Counts, add, total
from cx.aggregation.keys import journey_pk, slice_pk
from cx.ranges import DateRange
from cx.reads import CubeReader, ManyDayReader, SegmentReader
from cx.reports.figures import Figures

ALL = "all"


class ExplainReader(ManyDayReader, SegmentReader, CubeReader, Protocol):
    """What `/cx why` reads: days of many slices, which slices there are, and the cube cells."""


@dataclass(frozen=True)
class Window:
    """Daily counters of the scope and of each slice (dimension, value), summed over the journeys in scope."""

    period: DateRange
    journeys: tuple[str, ...]
    totals: dict[date, Counts]
    slices: dict[str, dict[str, dict[date, Counts]]]  # dimension -> value -> day -> counters

    def figures(self, days: dict[date, Counts], when: DateRange) -> Figures:
        return Figures.of(total(c for d, c in days.items() if when.start <= d <= when.end))

    def both(self, days: dict[date, Counts]) -> tuple[Figures, Figures]:
        """(previous period, this period)."""
        return self.figures(days, self.period.previous()), self.figures(days, self.period)

    def dimension(self, name: str) -> dict[str, dict[date, Counts]]:
        return self.slices.get(name, {})


def read_window(reader: ExplainReader, journeys: Sequence[str], period: DateRange) -> Window:
    wanted = set(journeys)
    segments = sorted(s for s in reader.segments() if s[0] in wanted)
    pks = [journey_pk(j) for j in journeys] + [slice_pk(j, d, v) for j, d, v in segments]
    read = reader.read_days_many(pks, period.previous().start, period.end)
    totals: dict[date, Counts] = {}
    slices: dict[str, dict[str, dict[date, Counts]]] = {}
    for journey in journeys:
        for day, counts in read.get(journey_pk(journey), {}).items():
            add(totals.setdefault(day, {}), counts)
        if len(journeys) > 1:
            slices.setdefault("journey", {})[journey] = read.get(journey_pk(journey), {})
    for journey, dimension, value in segments:
        into = slices.setdefault(dimension, {}).setdefault(value, {})
        for day, counts in read.get(slice_pk(journey, dimension, value), {}).items():
            add(into.setdefault(day, {}), counts)
    return Window(period, tuple(journeys), totals, slices)
