"""Which aggregate rows a report reads: a journey as a whole, or one slice of it (channel, team, agent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from cx.aggregation.counters import Counts, add
from cx.aggregation.keys import case_row_pk, journey_of_pk, journey_pk, slice_pk

DIMENSIONS = ("channel", "team", "agent")


@dataclass(frozen=True)
class Slice:
    """A filter on one dimension; several values mean their union (a lead's teams)."""

    dimension: str | None = None
    values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.dimension is not None and self.dimension not in DIMENSIONS:
            raise ValueError(f"no filter on {self.dimension!r}; filters: {', '.join(DIMENSIONS)}")

    @property
    def is_all(self) -> bool:
        return self.dimension is None

    def day_pks(self, journey: str) -> list[str]:
        if self.dimension is None:
            return [journey_pk(journey)]
        return [slice_pk(journey, self.dimension, v) for v in self.values]

    @property
    def lists_cases(self) -> bool:
        """Case indexes exist for the whole journey and per team and agent, not per channel."""
        return self.dimension != "channel"

    def case_row_pks(self, journey: str, week: date) -> list[str]:
        if not self.lists_cases:
            raise ValueError("case lists cannot be filtered by channel")
        if self.dimension is None:
            return [case_row_pk(journey, week)]
        return [case_row_pk(journey, week, self.dimension, v) for v in self.values]

    def describe(self) -> str:
        return "" if self.dimension is None else f"{self.dimension}: {', '.join(self.values)}"


EVERYTHING = Slice()


class DayReader(Protocol):
    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]: ...


class SlicedDays:
    """A day reader that answers for ``journey=<j>`` with the slice's rows summed (a lead's teams)."""

    def __init__(self, reader: DayReader, where: Slice) -> None:
        self._reader, self._where = reader, where

    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]:
        journey = journey_of_pk(pk)
        by_day: dict[date, Counts] = {}
        for sliced in self._where.day_pks(journey):
            for day, counts in self._reader.read_days(sliced, start, end).items():
                add(by_day.setdefault(day, {}), counts)
        return by_day
