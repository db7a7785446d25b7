"""What the offline scorer found in a conversation: signals with their weight and verbatim evidence."""

from __future__ import annotations

from dataclasses import dataclass, replace

from cx.domain.evaluation import Direction, Evidence, Reason


@dataclass(frozen=True)
class Signal:
    """One finding; ``impact`` is its approximate signed move of the CX score, in score points."""

    factor: str
    impact: float
    summary: str
    evidence: tuple[Evidence, ...]

    def weighed(self, weight: float) -> Signal:
        return replace(self, impact=self.impact * weight)

    def reason(self) -> Reason:
        direction = Direction.POSITIVE if self.impact > 0 else Direction.NEGATIVE
        return Reason(factor=self.factor, direction=direction, summary=self.summary, evidence=list(self.evidence))


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
