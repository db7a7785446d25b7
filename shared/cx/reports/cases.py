"""A journey's cases in a period, worst first, from its weekly case indexes (never from conversations).

Each week's index is sorted by the case's average CX, so page ``p`` needs at most ``(p + 1) * size``
rows in range from each week: the read grows with the weeks and the page shown, not with the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cx.aggregation.keys import week_of
from cx.ranges import DateRange
from cx.reads import RankedReader
from cx.reports.figures import Figures
from cx.reports.slices import EVERYTHING, Slice

PAGE_SIZE = 8


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


def _day(sk: str) -> date:
    return date.fromisoformat(sk.split("#", 2)[1])


def _rows(reader: RankedReader, journey: str, period: DateRange, where: Slice, count: int | None) -> list[CaseRow]:
    weeks = sorted({week_of(day) for day in period.each_day()})
    pks = [pk for week in weeks for pk in where.case_row_pks(journey, week)]
    found: dict[str, CaseRow] = {}
    for items in reader.read_ranked(pks, count, lambda sk: period.start <= _day(sk) <= period.end).values():
        for sk, counts in items:
            _, day, case_id = sk.split("#", 2)
            found[case_id] = CaseRow(case_id, date.fromisoformat(day), Figures.of(counts))
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
