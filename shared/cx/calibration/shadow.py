"""Shadow scoring: a candidate scorer also scores a fixed sample of live traffic, unpublished.

Its evaluations are stored beside the active scorer's with ``published=False``: they never reach the
conversations table's item, so never the aggregates, and never a report that is not about shadowing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.scoring.port import Scorer, ScoringError


@dataclass(frozen=True)
class Shadow:
    scorer: Scorer
    share: float  # 0-1 of conversations, chosen by a hash of their id: the same ones every time

    def samples(self, conversation_id: str) -> bool:
        return int(hashlib.sha256(conversation_id.encode()).hexdigest(), 16) % 10_000 < self.share * 10_000

    def score(self, conversations: Iterable[Conversation], clock: Callable[[], datetime]) -> list[Evaluation]:
        """Unpublished evaluations of the sampled conversations; a candidate's failure never stops live scoring."""
        out = []
        for conversation in conversations:
            if not self.samples(conversation.id):
                continue
            try:
                evaluation = self.scorer.score(conversation, clock())
            except ScoringError:
                continue
            out.append(evaluation.model_copy(update={"published": False}))
        return out
