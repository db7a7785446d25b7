"""The journeys whose average CX score moved most on last period, up and down."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from cx.digest.variation import Verdict, verdict
from cx.digest.weekly import SCORE_FLOOR, Series
from cx.parallel import together

TOP = 3
MIN_EVALUATIONS = 10  # in each of the two periods: fewer and a journey's average is too noisy to rank

WhyLine = Callable[[str, float], str | None]
"""One line of why a journey moved by ``change``: (journey, change) -> text, or None when nothing stands out."""


@dataclass(frozen=True)
class Mover:
    journey: str
    now: float
    last: float
    evaluations: int
    verdict: Verdict
    why: str | None = None

    @property
    def change(self) -> float:
        return self.now - self.last


@dataclass(frozen=True)
class Movers:
    up: list[Mover]
    down: list[Mover]


def movers(series: Sequence[Series], why: WhyLine | None = None, top: int = TOP) -> Movers:
    ranked: list[Mover] = []
    for s in series:
        now, last = s.now, s.last
        if min(now.evaluations, last.evaluations) < MIN_EVALUATIONS:
            continue
        assert now.avg_score is not None and last.avg_score is not None
        ranked.append(Mover(s.name, now.avg_score, last.avg_score, now.evaluations, verdict(s.scores(), SCORE_FLOOR)))
    up = sorted((m for m in ranked if m.change > 0), key=lambda m: (-m.change, m.journey))[:top]
    down = sorted((m for m in ranked if m.change < 0), key=lambda m: (m.change, m.journey))[:top]
    if why is not None:  # each mover's explanation reads its own journey's items: all of them at once
        explained = together(*(partial(_explained, m, why) for m in up + down))
        up, down = explained[: len(up)], explained[len(up) :]
    return Movers(up, down)


def _explained(mover: Mover, why: WhyLine) -> Mover:
    return Mover(
        mover.journey, mover.now, mover.last, mover.evaluations, mover.verdict, why(mover.journey, mover.change)
    )
