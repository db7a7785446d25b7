"""The ``offline-v3`` scorer: how the customer reacts to each answer, weighed by a fit that was checked on
services it was not fitted on (bench/heldout.py); sub-scores, confidence and language as offline-v2."""

from __future__ import annotations

from datetime import datetime

from cx.domain.conversation import Conversation, Role
from cx.domain.evaluation import Evaluation, ScorerInfo
from cx.scoring.language import detect
from cx.scoring.offline2.effort import customer_effort
from cx.scoring.offline2.reading import read
from cx.scoring.offline2.resolution import assess_resolution
from cx.scoring.offline2.scorer import Assessment, assessed, evaluation_of
from cx.scoring.offline2.tone import sentiment_value, service_quality
from cx.scoring.offline2.weights import DEFAULT as V2
from cx.scoring.port import ScoringError
from cx.scoring.sentiment import MODEL

from .findings import findings, outcome_impact
from .turns import read_turns
from .weights import DEFAULT, Weights

NAME = "offline-v3"
RUBRIC_VERSION = "offline-v3"
VERSION = "3.0.0"


class OfflineScorerV3:
    """Scores by rubrics/offline-v3.md. Built from plain parameters: ``OfflineScorerV3(Weights.from_dict(...))``."""

    def __init__(self, weights: Weights = DEFAULT, version: str = VERSION) -> None:
        self._w = weights
        self._info = ScorerInfo(name=NAME, version=version, model=MODEL, rubric_version=RUBRIC_VERSION)

    @property
    def info(self) -> ScorerInfo:
        return self._info

    def features(self, conversation: Conversation) -> dict[str, float]:
        """The means over customer turns that the raw score weighs (bench/heldout.py fits on them)."""
        reading = read(conversation.messages, V2)
        return read_turns(reading, assess_resolution(reading)).means()

    def assess(self, conversation: Conversation) -> Assessment:
        w, messages = self._w, conversation.messages
        language = detect(m.text for m in messages if m.role is Role.CUSTOMER)
        reading = read(messages, V2)
        outcome = assess_resolution(reading)
        turns = read_turns(reading, outcome)
        x = turns.means()
        raw = w.base + sum(w.term(name, value) for name, value in x.items())
        sentiment = sentiment_value(reading, outcome, V2)
        effort, _ = customer_effort(reading, V2)
        quality, _ = service_quality(reading, outcome, V2)
        signals = [outcome.signal.weighed(outcome_impact(x, w)), *findings(turns, x, w)]
        return assessed(raw, reading, outcome, (sentiment, effort, quality), signals, language, x)

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        try:
            a = self.assess(conversation)
        except (ValueError, IndexError) as exc:
            raise ScoringError(f"offline-v3 scorer failed on {conversation.id}: {exc}") from exc
        return evaluation_of(a, conversation, self._info, now)
