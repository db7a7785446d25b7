"""`/cx journeys [range]`: every journey in one table, each against the period before."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cx.aggregation.counters import Counts, total
from cx.ranges import DateRange
from cx.reads import ManyDayReader
from cx.reports.figures import Figures, five
from cx.reports.slices import EVERYTHING, Slice


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
    mixed_versions: frozenset[str] = frozenset()  # journeys whose period or the one before mixes scorer versions

    def totals(self) -> JourneyRow:
        """Every journey with cases together: the table's totals row."""
        return JourneyRow("all journeys", _sum(r.current for r in self.rows), _sum(r.previous for r in self.rows))


def _sum(many: Iterable[Figures]) -> Figures:
    figures = list(many)
    return Figures(
        evaluations=sum(f.evaluations for f in figures),
        cases=sum(f.cases for f in figures),
        score_sum=sum(f.score_sum for f in figures),
        histogram=five([sum(f.histogram[k] for f in figures) for k in range(5)]),
        outcomes={k: sum(f.outcomes.get(k, 0) for f in figures) for f in figures[:1] for k in f.outcomes},
        resolution={k: sum(f.resolution.get(k, 0) for f in figures) for f in figures[:1] for k in f.resolution},
        sentiment_sum=sum(f.sentiment_sum for f in figures),
        effort_sum=sum(f.effort_sum for f in figures),
        quality_sum=sum(f.quality_sum for f in figures),
        not_scored_language=sum(f.not_scored_language for f in figures),
    )


def _split(days: list[dict[date, Counts]], period: DateRange) -> tuple[Counts, Counts]:
    """Counters for the period and for the period before, summed."""
    before = period.previous()
    current = [c for d in days for day, c in d.items() if period.start <= day <= period.end]
    previous = [c for d in days for day, c in d.items() if before.start <= day <= before.end]
    return total(current), total(previous)


def journeys_report(
    reader: ManyDayReader, journeys: set[str], period: DateRange, pass_threshold: int, where: Slice = EVERYTHING
) -> JourneysReport:
    pks = {journey: where.day_pks(journey) for journey in sorted(journeys)}
    read = reader.read_days_many([pk for many in pks.values() for pk in many], period.previous().start, period.end)
    rows, empty = [], []
    for journey, many in pks.items():
        current, previous = _split([read[pk] for pk in many], period)
        now = Figures.of(current)
        if now.cases == 0:
            empty.append(journey)
            continue
        rows.append(JourneyRow(journey, now, Figures.of(previous)))
    rows.sort(key=lambda r: (r.current.avg_score if r.current.avg_score is not None else 9.0, r.journey))
    return JourneysReport(period, rows, empty, pass_threshold, where)
