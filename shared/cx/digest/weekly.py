"""Weekly figures of a set of journeys from their journey day items (one query per journey)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cx.aggregation.counters import Counts, total
from cx.aggregation.keys import journey_pk
from cx.digest.variation import Verdict, verdict
from cx.ranges import DateRange
from cx.reads import ManyDayReader
from cx.reports.figures import Figures

SCORE_FLOOR = 0.02  # CX points: a smaller change is never called unusual
PASS_FLOOR = 0.01  # 1 percentage point


@dataclass(frozen=True)
class Series:
    """Counters of one journey (or of the whole set) per period, oldest first, the current period last."""

    name: str
    counts: list[Counts]

    @property
    def figures(self) -> list[Figures]:
        return [Figures.of(c) for c in self.counts]

    @property
    def now(self) -> Figures:
        return Figures.of(self.counts[-1])

    @property
    def last(self) -> Figures:
        return Figures.of(self.counts[-2])

    @property
    def baseline(self) -> Figures:
        """The earlier periods pooled: their evaluations' average, not an average of averages."""
        return Figures.of(total(self.counts[:-1]))

    def scores(self) -> list[float | None]:
        return [f.avg_score for f in self.figures]

    def pass_rates(self, threshold: int) -> list[float | None]:
        return [f.pass_rate(threshold) for f in self.figures]


@dataclass(frozen=True)
class Headline:
    """One headline figure: now, last period, the earlier periods' average, and the verdict on the change."""

    now: float | None
    last: float | None
    baseline: float | None
    verdict: Verdict

    @property
    def change(self) -> float | None:
        return self.verdict.change

    @property
    def against_baseline(self) -> float | None:
        return None if self.now is None or self.baseline is None else self.now - self.baseline


def score_headline(series: Series) -> Headline:
    values = series.scores()
    return Headline(values[-1], values[-2], series.baseline.avg_score, verdict(values, SCORE_FLOOR))


def pass_headline(series: Series, threshold: int) -> Headline:
    values = series.pass_rates(threshold)
    return Headline(values[-1], values[-2], series.baseline.pass_rate(threshold), verdict(values, PASS_FLOOR))


def journey_series(reader: ManyDayReader, journeys: Sequence[str], spans: Sequence[DateRange]) -> list[Series]:
    """Each journey's counters per period, read as one day query per journey over all the periods."""
    pks = [journey_pk(j) for j in journeys]
    read = reader.read_days_many(pks, spans[0].start, spans[-1].end)
    out = []
    for journey, pk in zip(journeys, pks, strict=True):
        days = read.get(pk, {})
        out.append(Series(journey, [total(c for d, c in days.items() if p.start <= d <= p.end) for p in spans]))
    return out


def combined(name: str, many: Sequence[Series], spans: Sequence[DateRange]) -> Series:
    """The set as a whole: the journeys' counters summed period by period (empty periods when there are none)."""
    return Series(name, [total(s.counts[i] for s in many) for i in range(len(spans))])
