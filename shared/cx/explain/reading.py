"""The aggregate items one explanation reads: every journey in scope and its catalogued reason and scorer
slices, for the period and the one before, in one batch of key reads (never a scan).

Only those two dimensions: where the change happened (team, channel, inquiry, agent) comes from the cube
(``cx.explain.cube``), so the journey's team, agent, channel and inquiry slices (four in five of its slices
at demo size) are not read."""

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
DIMENSIONS: tuple[str, ...] = ("reason", "scorer")  # what ``explain`` reads of a window besides its totals


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
        if name not in (*DIMENSIONS, "journey"):  # never read: an empty answer would be a wrong one
            raise ValueError(f"a window holds the {', '.join(DIMENSIONS)} slices, not {name!r}")
        return self.slices.get(name, {})


def read_window(reader: ExplainReader, journeys: Sequence[str], period: DateRange) -> Window:
    wanted = set(journeys)
    segments = sorted(s for d in DIMENSIONS for s in reader.segments(d) if s[0] in wanted)
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
