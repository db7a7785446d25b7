"""The digest of a period for a set of journeys, from aggregate reads and a bounded number of case reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from cx.digest.health import ScorerHealth
from cx.digest.movers import Movers, WhyLine, movers
from cx.digest.periods import periods
from cx.digest.review import ReviewPick, review_picks
from cx.digest.weekly import Headline, Series, combined, journey_series, pass_headline, score_headline
from cx.parallel import together
from cx.ranges import DateRange
from cx.reads import CaseContactsReader, ManyDayReader, RankedReader

Marker = tuple[date, str]  # a scorer version change: the day it took effect and a label


class DigestReader(ManyDayReader, RankedReader, Protocol):
    """What the digest reads: days of many journeys, and ranked case rows."""


@dataclass(frozen=True)
class Digest:
    period: DateRange
    spans: list[DateRange]  # the earlier periods, oldest first, then ``period``
    journeys: list[str]
    all_journeys: bool
    pass_threshold: int
    overall: Series
    by_journey: list[Series]
    score: Headline
    pass_rate: Headline
    movers: Movers
    review: list[ReviewPick]
    health: ScorerHealth | None
    markers: list[Marker]  # scorer changes within the spans

    @property
    def evaluations(self) -> int:
        return self.overall.now.evaluations


def build_digest(
    reader: DigestReader,
    cases: CaseContactsReader,
    journeys: Sequence[str],
    period: DateRange,
    pass_threshold: int,
    *,
    all_journeys: bool,
    why: WhyLine | None = None,
    health: ScorerHealth | None = None,
    markers: Sequence[Marker] = (),
) -> Digest:
    spans = periods(period)
    names = sorted(journeys)
    by_journey = journey_series(reader, names, spans)
    overall = combined("all" if all_journeys else ", ".join(names), by_journey, spans)
    moved, review = together(  # the movers' explanations and the review picks read different items: at once
        lambda: movers(by_journey, why), lambda: review_picks(reader, cases, names, period)
    )
    return Digest(
        period=period,
        spans=spans,
        journeys=names,
        all_journeys=all_journeys,
        pass_threshold=pass_threshold,
        overall=overall,
        by_journey=by_journey,
        score=score_headline(overall),
        pass_rate=pass_headline(overall, pass_threshold),
        movers=moved,
        review=review,
        health=health,
        markers=sorted(m for m in markers if spans[0].start <= m[0] <= period.end),
    )
