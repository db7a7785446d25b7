"""What the offline scorer found in a conversation: signals with their weight and verbatim evidence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cx.domain.conversation import Message, Role
from cx.domain.evaluation import Direction, Evidence, Reason

from .evidence import quote_around


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


def hits(messages: Sequence[Message], role: Role | None, pattern: re.Pattern[str]) -> list[Evidence]:
    """One piece of evidence per message of ``role`` (any role if None) that matches ``pattern``."""
    found = []
    for index, message in enumerate(messages):
        if role is not None and message.role is not role:
            continue
        match = pattern.search(message.text)
        if match:
            found.append(Evidence(message_index=index, quote=quote_around(message.text, *match.span())))
    return found


def indices(messages: Sequence[Message], role: Role) -> list[int]:
    return [i for i, m in enumerate(messages) if m.role is role]


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
