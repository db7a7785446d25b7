"""The default scorer: deterministic, no network, VADER sentiment plus a few documented phrase cues."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cx.domain.conversation import Conversation, Role
from cx.domain.evaluation import Evaluation, Resolution, ScorerInfo, SubScores

from .effort import customer_effort
from .language import READABLE, UNDETERMINED, detect
from .offline2.confidence import UNSURE_BELOW
from .offline2.scorer import UNSURE, unreadable
from .port import ScoringError
from .reasons import MIN_IMPACT, RESOLUTION_FACTORS, given_reasons, offline_evaluation, published_score
from .resolution import assess_resolution
from .sentiment import MODEL
from .signals import Signal
from .tone import customer_sentiment, service_quality
from .transcript import Transcript
from .weights import DEFAULT, Weights

RUBRIC_VERSION = "offline-v1"
VERSION = "1.0.0"


@dataclass(frozen=True)
class Assessment:
    """Everything the scorer worked out; ``raw`` is the CX score before rounding (for calibration)."""

    raw: float
    sub_scores: SubScores
    signals: tuple[Signal, ...]

    @property
    def cx_score(self) -> int:
        return published_score(self.raw)

    @property
    def reasons(self) -> list[Signal]:
        """The resolution and every finding that moved the score by MIN_IMPACT or more, largest first."""
        return given_reasons(self.signals)


class OfflineScorer:
    """Scores a conversation by the rubric in ``rubrics/offline-v1.md``; same input, same evaluation."""

    def __init__(self, weights: Weights = DEFAULT, version: str = VERSION) -> None:
        """``version``: a created scorer version's name (`cx scorer create`), so its evaluations are told apart."""
        self._w = weights
        self._info = ScorerInfo(name="offline", version=version, model=MODEL, rubric_version=RUBRIC_VERSION)

    @property
    def info(self) -> ScorerInfo:
        return self._info

    def assess(self, conversation: Conversation) -> Assessment:
        w, transcript = self._w, Transcript(conversation.messages)
        resolution, outcome = assess_resolution(transcript)
        sentiment, mood = customer_sentiment(transcript, w)
        effort, toil = customer_effort(transcript, w)
        quality, service = service_quality(transcript, w)
        settled = {Resolution.RESOLVED: w.resolved, Resolution.UNRESOLVED: w.unresolved}.get(resolution, 0.0)
        raw = (
            w.base
            + settled
            + w.sentiment * (sentiment - 3)
            + w.effort * (effort - 5)
            + w.service_quality * (quality - 3)
        )
        signals = [
            outcome.weighed(settled),
            *(s.weighed(w.sentiment) for s in mood),
            *(s.weighed(w.effort) for s in toil),
            *(s.weighed(w.service_quality) for s in service),
        ]
        signals.sort(key=lambda s: (-abs(s.impact), s.factor))
        sub_scores = SubScores(
            resolution=resolution,
            sentiment=round(sentiment, 2),
            effort=round(effort, 2),
            service_quality=round(quality, 2),
        )
        if resolution is Resolution.UNRESOLVED:
            raw = min(raw, w.unresolved_cap)
        return Assessment(raw=max(1.0, min(5.0, raw)), sub_scores=sub_scores, signals=tuple(signals))

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        try:
            assessment = self.assess(conversation)
        except (ValueError, IndexError) as exc:  # a valid conversation should never get here
            raise ScoringError(f"offline scorer failed on {conversation.id}: {exc}") from exc
        language = detect(m.text for m in conversation.messages if m.role is Role.CUSTOMER)
        readable = language in READABLE or language == UNDETERMINED
        sure = _confidence(assessment) if readable else 0.0
        flags = [] if readable else [unreadable(language)]
        if readable and sure < UNSURE_BELOW:
            flags = [UNSURE]
        return offline_evaluation(
            conversation,
            self._info,
            now,
            raw=assessment.raw,
            sub_scores=assessment.sub_scores,
            signals=assessment.signals,
            confidence=sure,
            language=language,
            flags=flags,
        )


def _confidence(assessment: Assessment) -> float:
    """What the score stands on: a clear resolution and findings that moved it (no change to the score)."""
    findings = sum(1 for s in assessment.signals if s.factor not in RESOLUTION_FACTORS and abs(s.impact) >= MIN_IMPACT)
    clear = assessment.sub_scores.resolution is not Resolution.PARTLY
    return round(max(0.05, min(0.95, 0.2 + 0.1 * min(findings, 4) + (0.3 if clear else 0.0))), 2)
