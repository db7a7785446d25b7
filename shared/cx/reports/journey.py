"""`/cx journey <name> <range>`: one journey's figures, the change on the period before, the daily trend."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from cx.aggregation.counters import total
from cx.aggregation.keys import journey_pk
from cx.explain.scorer_change import VersionChange
from cx.ranges import DateRange
from cx.reads import DayReader
from cx.reports.figures import DayPoint, Figures


@dataclass(frozen=True)
class JourneyReport:
    journey: str
    period: DateRange
    current: Figures
    previous: Figures
    trend: list[DayPoint]
    pass_threshold: int
    scorer_changes: tuple[VersionChange, ...] = ()  # days in this or the previous period a new scorer version took over

    @property
    def score_change(self) -> float | None:
        now, before = self.current.avg_score, self.previous.avg_score
        return None if now is None or before is None else now - before

    @property
    def pass_rate_change(self) -> float | None:
        now, before = (
            self.current.pass_rate(self.pass_threshold),
            self.previous.pass_rate(self.pass_threshold),
        )
        return None if now is None or before is None else now - before


class UnknownJourney(LookupError):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions


def resolve_journey(name: str, known: set[str]) -> str:
    """The journey the user meant, or UnknownJourney with the closest known names."""
    wanted = name.strip().lower()
    if wanted in known:
        return wanted
    close = difflib.get_close_matches(wanted, sorted(known), n=3, cutoff=0.5)
    close += sorted(k for k in known if wanted and wanted in k and k not in close)
    raise UnknownJourney(name, close[:3])


def journey_report(reader: DayReader, journey: str, period: DateRange, pass_threshold: int) -> JourneyReport:
    before = period.previous()
    days = reader.read_days(journey_pk(journey), before.start, period.end)
    in_period = [c for d, c in days.items() if period.start <= d <= period.end]
    in_before = [c for d, c in days.items() if before.start <= d <= before.end]
    trend = [DayPoint.of(day, days.get(day, {})) for day in period.each_day()]
    return JourneyReport(
        journey=journey,
        period=period,
        current=Figures.of(total(in_period)),
        previous=Figures.of(total(in_before)),
        trend=trend,
        pass_threshold=pass_threshold,
    )
