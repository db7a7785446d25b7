"""A journey's cases in a period, worst first, read from its case index (never from conversations)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from cx.aggregation.counters import Counts
from cx.ranges import DateRange
from cx.reports.figures import Figures
from cx.reports.slices import EVERYTHING, Slice

PAGE_SIZE = 8


class RowReader(Protocol):
    def read_rows(self, pk: str, start: date, end: date) -> dict[str, Counts]:
        """Items of ``pk`` whose sort key starts with a day from ``start`` to ``end``, by sort key."""
        ...


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    day: date
    figures: Figures

    @property
    def outcome(self) -> str | None:
        return next((name for name, n in self.figures.outcomes.items() if n), None)


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    page: int
    pages: int
    total: int


def case_rows(reader: RowReader, journey: str, period: DateRange, where: Slice = EVERYTHING) -> list[CaseRow]:
    """Every counted case of the journey opened in the period: lowest average CX first."""
    found: dict[str, CaseRow] = {}
    for pk in where.case_row_pks(journey):
        for sk, counts in reader.read_rows(pk, period.start, period.end).items():
            day, _, case_id = sk.partition("#")
            found[case_id] = CaseRow(case_id, date.fromisoformat(day), Figures.of(counts))
    return sorted(found.values(), key=lambda r: (r.figures.avg_score or 0.0, -r.figures.evaluations, r.day, r.case_id))


def page_of(rows: list[CaseRow], page: int, size: int = PAGE_SIZE) -> CasePage:
    pages = max(1, -(-len(rows) // size))
    page = min(max(page, 0), pages - 1)
    return CasePage(rows[page * size : (page + 1) * size], page, pages, len(rows))
