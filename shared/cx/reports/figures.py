"""The headline figures of any report, derived from summed aggregate counters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from cx.aggregation.counters import Counts
from cx.domain.conversation import CaseOutcome

T = TypeVar("T")


def five(values: Sequence[T]) -> tuple[T, T, T, T, T]:
    """A 1-5 histogram from its five counts; any other length is an error, never a silent cut."""
    one, two, three, four, five_ = values
    return one, two, three, four, five_


@dataclass(frozen=True)
class Figures:
    evaluations: int
    cases: int
    score_sum: float
    histogram: tuple[int, int, int, int, int]
    outcomes: dict[str, int]
    resolution: dict[str, int]
    sentiment_sum: float
    effort_sum: float
    quality_sum: float
    not_scored_language: int = 0  # evaluations in a language the scorer cannot read: in no average

    @classmethod
    def of(cls, counts: Counts) -> Figures:
        return cls(
            evaluations=int(counts.get("evaluations", 0)),
            cases=int(counts.get("cases", 0)),
            score_sum=counts.get("score_sum", 0.0),
            histogram=five([int(counts.get(f"hist_{k}", 0)) for k in range(1, 6)]),
            outcomes={o.value: int(counts.get(f"outcome_{o.value}", 0)) for o in CaseOutcome},
            resolution={r: int(counts.get(f"resolution_{r}", 0)) for r in ("resolved", "partly", "unresolved")},
            sentiment_sum=counts.get("sentiment_sum", 0.0),
            effort_sum=counts.get("effort_sum", 0.0),
            quality_sum=counts.get("quality_sum", 0.0),
            not_scored_language=int(counts.get("unscored_language", 0)),
        )

    def _mean(self, total: float) -> float | None:
        return total / self.evaluations if self.evaluations else None

    @property
    def avg_score(self) -> float | None:
        return self._mean(self.score_sum)

    @property
    def avg_sentiment(self) -> float | None:
        return self._mean(self.sentiment_sum)

    @property
    def avg_effort(self) -> float | None:
        return self._mean(self.effort_sum)

    @property
    def avg_quality(self) -> float | None:
        return self._mean(self.quality_sum)

    def passes(self, threshold: int) -> int:
        """Evaluations scoring at or above the pass threshold (from the histogram, so any threshold works)."""
        return sum(self.histogram[threshold - 1 :])

    def pass_rate(self, threshold: int) -> float | None:
        return self.passes(threshold) / self.evaluations if self.evaluations else None

    def outcome_shares(self) -> dict[str, float]:
        total = sum(self.outcomes.values())
        return {k: v / total for k, v in self.outcomes.items()} if total else {}


@dataclass(frozen=True)
class DayPoint:
    """One day of a trend: how many evaluations, and their average CX score."""

    day: date
    evaluations: int
    avg_score: float | None

    @classmethod
    def of(cls, day: date, counts: Counts) -> DayPoint:
        figures = Figures.of(counts)
        return cls(day, figures.evaluations, figures.avg_score)
