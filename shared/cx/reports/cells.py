"""Two filters at once (`/cx journey billing team:emea channel:chat`): the journey's days summed from its cube
cells, the one item family that holds every (team, channel, inquiry, agent) combination with its cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cx.aggregation.counters import Counts, add
from cx.aggregation.keys import CUBE_DIMENSIONS, cube_pks, cube_sk_range, journey_of_pk, parse_cube_sk
from cx.reads import CubeReader


@dataclass(frozen=True)
class Cell:
    """Filters on two different dimensions (channel, team, agent), all of which a contact must match."""

    filters: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        unknown = [d for d, _ in self.filters if d not in CUBE_DIMENSIONS]
        if unknown or len({d for d, _ in self.filters}) < len(self.filters):
            raise ValueError(f"filters must be distinct of {', '.join(CUBE_DIMENSIONS)}; got {self.filters!r}")

    is_all = False
    lists_cases = False
    """Case lists are kept per journey, team and agent, not per combination."""

    def describe(self) -> str:
        return " · ".join(f"{d}: {v}" for d, v in self.filters)

    def holds(self, values: tuple[str | None, ...]) -> bool:
        return all(values[CUBE_DIMENSIONS.index(d)] == v for d, v in self.filters)


class CellDays:
    """A day reader that answers for ``journey=<j>`` with the matching cube cells summed per case day: one query
    per week of the range. Case counts are in the cell of each case's latest team, channel, inquiry and agent, as
    the one-filter slices count them."""

    def __init__(self, reader: CubeReader, cell: Cell) -> None:
        self._reader, self._cell = reader, cell

    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]:
        low, high = cube_sk_range(start, end)
        by_day: dict[date, Counts] = {}
        for week in cube_pks(journey_of_pk(pk), start, end):
            for sk, counts in self._reader.read_sk_range(week, low, high):
                day, values = parse_cube_sk(sk)
                if start <= day <= end and self._cell.holds(values):
                    add(by_day.setdefault(day, {}), counts)
        return by_day
