"""What every scorer offers: one conversation in, one evaluation out."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation, ScorerInfo


class ScoringError(Exception):
    """The scorer could not produce a valid evaluation; the conversation is kept for re-drive."""


class ScorerUnavailable(Exception):
    """The model API cannot answer now (overloaded, rate limited, circuit open): the conversation is not
    marked failed but left on the queue to be tried again later."""


class Scorer(Protocol):
    @property
    def info(self) -> ScorerInfo: ...

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        """Score one conversation. ``now`` stamps the evaluation; it never changes the score."""
        ...
