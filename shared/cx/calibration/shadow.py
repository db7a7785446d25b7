"""Shadow scoring: a candidate scorer also scores a fixed sample of live traffic, unpublished.

Its evaluations are stored beside the active scorer's with ``published=False``: they never reach the
conversations table's item, so never the aggregates, and never a report that is not about shadowing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.scoring.port import Scorer, ScorerUnavailable, ScoringError


@dataclass(frozen=True)
class Shadow:
    scorer: Scorer
    share: float  # 0-1 of conversations, chosen by a hash of their id: the same ones every time

    def samples(self, conversation_id: str) -> bool:
        return int(hashlib.sha256(conversation_id.encode()).hexdigest(), 16) % 10_000 < self.share * 10_000

    def score(
        self, conversations: Iterable[Conversation], clock: Callable[[], datetime], strict: bool = False
    ) -> list[Evaluation]:
        """Unpublished evaluations of the sampled conversations; a candidate's failure never stops live scoring.
        ``strict``: an unavailable model API stops (the history job stops and can be resumed) instead."""
        out = []
        for conversation in conversations:
            if not self.samples(conversation.id):
                continue
            try:
                evaluation = self.scorer.score(conversation, clock())
            except ScoringError:
                continue
            except ScorerUnavailable:
                if strict:
                    raise
                continue
            out.append(evaluation.model_copy(update={"published": False}))
        return out


class ShadowPlan(BaseModel):
    """What `cx shadow start` records: which version shadows, on which share, from which day of history."""

    model_config = ConfigDict(frozen=True)

    version: str = Field(min_length=1)
    share: float = Field(gt=0, le=1)
    since: date | None = None  # history scored from this day on; None: live traffic only
    by: str = Field(min_length=1)
    at: datetime

    def describe(self) -> str:
        history = f", history since {self.since:%Y-%m-%d}" if self.since else ""
        return f"{self.version} on {self.share:.0%} of conversations{history} (started {self.at:%Y-%m-%d} by {self.by})"
