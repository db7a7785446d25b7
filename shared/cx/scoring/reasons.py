"""What both offline scorers publish from their findings: the rounded score, the reasons given, the evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation, ScorerInfo, SubScores

from .signals import Signal

MAX_REASONS = 5
MIN_IMPACT = 0.1  # score points; weaker findings are not given as reasons (the resolution always is)
RESOLUTION_FACTORS = frozenset({"resolved", "partly_resolved", "unresolved"})


def published_score(raw: float) -> int:
    """The CX score 1-5 from the value before rounding (half up)."""
    return max(1, min(5, int(raw + 0.5)))


def given_reasons(signals: Sequence[Signal]) -> list[Signal]:
    """The resolution and every finding that moved the score by MIN_IMPACT or more, in the order given."""
    kept = [s for s in signals if s.factor in RESOLUTION_FACTORS or abs(s.impact) >= MIN_IMPACT]
    return kept[:MAX_REASONS]


def offline_evaluation(
    conversation: Conversation,
    scorer: ScorerInfo,
    now: datetime,
    *,
    raw: float,
    sub_scores: SubScores,
    signals: Sequence[Signal],
    confidence: float,
    language: str,
    flags: list[str],
) -> Evaluation:
    """The evaluation an offline scorer publishes from what it found."""
    return Evaluation(
        conversation_id=conversation.id,
        content_hash=conversation.content_hash(),
        cx_score=published_score(raw),
        sub_scores=sub_scores,
        reasons=[s.reason() for s in given_reasons(signals)],
        scorer=scorer,
        evaluated_at=now,
        raw_score=round(raw, 4),
        confidence=confidence,
        language=language,
        flags=flags,
    )
