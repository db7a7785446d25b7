"""The cube cells of an explanation's scope: each finest cell's 1-5 histogram in the previous and this period.

Read from the ``cube|journey=<j>|<Monday>`` items (one query per journey and week, see
``cx.aggregation.keys``), optionally narrowed to a team, channel, inquiry or agent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cx.aggregation.keys import CUBE_DIMENSIONS, cube_pks, cube_sk_range, parse_cube_sk
from cx.parallel import each
from cx.ranges import DateRange
from cx.reads import CubeReader
from cx.reports.figures import Figures, five

DIMENSIONS: tuple[str, ...] = ("journey", *CUBE_DIMENSIONS)
Histogram = tuple[float, float, float, float, float]
Key = tuple[str | None, ...]  # one value per DIMENSIONS entry


def histogram(counts: Mapping[str, float]) -> Histogram:
    return five([counts.get(f"hist_{k}", 0.0) for k in range(1, 6)])


@dataclass(frozen=True)
class Cube:
    cells: dict[Key, tuple[Histogram, Histogram]]  # (previous period, this period)

    def narrowed(self, filters: Mapping[str, str]) -> Cube:
        idx = {DIMENSIONS.index(d): v for d, v in filters.items()}
        return Cube({k: h for k, h in self.cells.items() if all(k[i] == v for i, v in idx.items())})

    def figures(self) -> tuple[Figures, Figures]:
        """(previous period, this period) of all the cells."""
        return _figures([h[0] for h in self.cells.values()]), _figures([h[1] for h in self.cells.values()])


def _figures(hists: list[Histogram]) -> Figures:
    hist = [sum(h[k] for h in hists) for k in range(5)]
    counts = {f"hist_{k + 1}": hist[k] for k in range(5)}
    counts |= {"evaluations": sum(hist), "score_sum": sum((k + 1) * h for k, h in enumerate(hist))}
    return Figures.of(counts)


def _add(into: dict[Key, list[list[float]]], key: Key, side: int, hist: Histogram) -> None:
    both = into.setdefault(key, [[0.0] * 5, [0.0] * 5])
    for k in range(5):
        both[side][k] += hist[k]


def read_cube(reader: CubeReader, journeys: Sequence[str], period: DateRange) -> Cube:
    """Every cell of ``journeys`` over the period and the one before (a query per journey and week)."""
    before = period.previous()
    low, high = cube_sk_range(before.start, period.end)
    pks = [(j, pk) for j in journeys for pk in cube_pks(j, before.start, period.end)]
    pages = each(lambda jp: (jp[0], reader.read_sk_range(jp[1], low, high)), pks)
    cells: dict[Key, list[list[float]]] = {}
    for journey, items in pages:
        for sk, counts in items:
            day, values = parse_cube_sk(sk)
            side = 1 if period.start <= day <= period.end else 0 if before.start <= day <= before.end else -1
            if side >= 0:
                _add(cells, (journey, *values), side, histogram(counts))
    return Cube({k: (five(h0), five(h1)) for k, (h0, h1) in cells.items()})
