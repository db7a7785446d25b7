"""How several reviewers' ratings become one reference, and how far apart they are."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class ConsensusRule(StrEnum):
    MEAN = "mean"
    MEDIAN = "median"
    MAJORITY = "majority"


def consensus(scores: Sequence[int], rule: ConsensusRule) -> float:
    """The reference value. Majority: the most frequent rating; a tie goes to the tied rating nearest the median,
    then to the lower one (a tie between a poor and a fair rating is not waved through)."""
    if not scores:
        raise ValueError("consensus of no ratings")
    if rule is ConsensusRule.MEAN:
        return statistics.fmean(scores)
    if rule is ConsensusRule.MEDIAN:
        return float(statistics.median(scores))
    counts = Counter(scores)
    top = max(counts.values())
    middle = statistics.median(scores)
    return float(min((v for v, c in counts.items() if c == top), key=lambda v: (abs(v - middle), v)))


def as_category(value: float) -> int:
    """A consensus value on the 1-5 scale, halves rounded up (3.5 -> 4), for kappa and the confusion matrix."""
    return max(1, min(5, int(value + 0.5)))


@dataclass(frozen=True)
class Disputed:
    conversation_id: str
    scores: tuple[int, ...]

    @property
    def spread(self) -> float:
        """Population standard deviation of the ratings."""
        return statistics.pstdev(self.scores)

    @property
    def span(self) -> int:
        return max(self.scores) - min(self.scores)


def most_disputed(scores: dict[str, list[int]], limit: int = 10) -> list[Disputed]:
    """The conversations whose reviewers disagree most (two or more ratings), widest spread first."""
    rows = [Disputed(cid, tuple(s)) for cid, s in scores.items() if len(s) >= 2]
    rows = [r for r in rows if r.span > 0]
    rows.sort(key=lambda r: (-r.spread, -r.span, r.conversation_id))
    return rows[:limit]
