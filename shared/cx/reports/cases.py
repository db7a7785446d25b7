"""A journey's cases in a period, worst first, from its per-day case indexes (never from conversations).

Each day's index is sorted by the case's average CX, so page ``p`` needs at most ``(p + 1) * size``
rows from each day: the read grows with the days and the page shown, not with the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from cx.aggregation.counters import Counts
from cx.ranges import DateRange
from cx.reports.figures import Figures
from cx.reports.slices import EVERYTHING, Slice

PAGE_SIZE = 8


class RankedReader(Protocol):
    def read_ranked(self, pks: Sequence[str], count: int | None) -> dict[str, list[tuple[str, Counts]]]:
        """For each pk, its first ``count`` items with counters (all when None), in sort key order."""
        ...


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    day: date
    figures: Figures

    @property
    def outcome(self) -> str | None:
        return next((name for name, n in self.figures.outcomes.items() if n), None)

    @property
    def order(self) -> tuple[float, str]:
        return (self.figures.avg_score if self.figures.avg_score is not None else 9.0, self.case_id)


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    page: int
    pages: int
    total: int


def _rows(reader: RankedReader, journey: str, period: DateRange, where: Slice, count: int | None) -> list[CaseRow]:
    pks = {pk: day for day in period.each_day() for pk in where.case_row_pks(journey, day)}
    found: dict[str, CaseRow] = {}
    for pk, items in reader.read_ranked(list(pks), count).items():
        for sk, counts in items:
            case_id = sk.partition("#")[2]
            found[case_id] = CaseRow(case_id, pks[pk], Figures.of(counts))
    return sorted(found.values(), key=lambda r: r.order)


def case_rows(reader: RankedReader, journey: str, period: DateRange, where: Slice = EVERYTHING) -> list[CaseRow]:
    """Every counted case of the journey opened in the period, lowest average CX first (for exports)."""
    return _rows(reader, journey, period, where, None)


def case_page(
    reader: RankedReader,
    journey: str,
    period: DateRange,
    total: int,
    page: int,
    where: Slice = EVERYTHING,
    size: int = PAGE_SIZE,
) -> CasePage:
    """One page of the worst-first list; ``total`` is the period's case count from the journey's figures."""
    pages = max(1, -(-total // size))
    page = min(max(page, 0), pages - 1)
    rows = _rows(reader, journey, period, where, (page + 1) * size)
    return CasePage(rows[page * size : (page + 1) * size], page, pages, total)


def page_of(rows: list[CaseRow], page: int, size: int = PAGE_SIZE) -> CasePage:
    pages = max(1, -(-len(rows) // size))
    page = min(max(page, 0), pages - 1)
    return CasePage(rows[page * size : (page + 1) * size], page, pages, len(rows))
