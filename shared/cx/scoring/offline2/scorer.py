"""The ``offline-v2`` scorer: one reading of each conversation, outcome statements, recovery, confidence, language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cx.domain.conversation import Conversation, Role
from cx.domain.evaluation import Evaluation, Resolution, ScorerInfo, SubScores
from cx.scoring.language import READABLE, detect
from cx.scoring.port import ScoringError
from cx.scoring.reasons import given_reasons, offline_evaluation, published_score
from cx.scoring.sentiment import MODEL
from cx.scoring.signals import Signal, plural

from .confidence import UNSURE_BELOW, confidence
from .effort import customer_effort
from .reading import Reading, read
from .resolution import Outcome, assess_resolution
from .tone import customer_sentiment, service_quality
from .weights import DEFAULT, Weights

NAME = "offline-v2"
RUBRIC_VERSION = "offline-v2"
VERSION = "2.0.0"
UNSURE = "unsure: little to go on, or signals that disagree; needs a human look"


def unreadable(language: str) -> str:
    return f"language {language}: the offline scorer reads English only; needs a human look"


@dataclass(frozen=True)
class Assessment:
    raw: float
    sub_scores: SubScores
    signals: tuple[Signal, ...]
    confidence: float
    language: str
    terms: dict[str, float]  # raw = base + sum(weight[name] * terms[name]), before the cap and the clamp

    @property
    def cx_score(self) -> int:
        return published_score(self.raw)

    @property
    def reasons(self) -> list[Signal]:
        return given_reasons(self.signals)

    @property
    def flags(self) -> list[str]:
        if self.language not in READABLE and self.language != "und":
            return [unreadable(self.language)]
        return [UNSURE] if self.confidence < UNSURE_BELOW else []


def assessed(
    raw: float,
    reading: Reading,
    outcome: Outcome,
    subs: tuple[float, float, float],
    signals: list[Signal],
    language: str,
    terms: dict[str, float],
) -> Assessment:
    """What offline-v2 and v3 publish from their raw value: signals strongest first, sentiment, effort and service
    quality to two places, no confidence in a language the scorer cannot read, the value clamped to 1-5."""
    sentiment, effort, quality = subs
    signals.sort(key=lambda s: (-abs(s.impact), s.factor))
    sub_scores = SubScores(
        resolution=outcome.resolution,
        sentiment=round(sentiment, 2),
        effort=round(effort, 2),
        service_quality=round(quality, 2),
    )
    sure = 0.0 if language not in READABLE and language != "und" else confidence(reading, outcome, sentiment)
    return Assessment(max(1.0, min(5.0, raw)), sub_scores, tuple(signals), sure, language, terms)


def evaluation_of(a: Assessment, conversation: Conversation, info: ScorerInfo, now: datetime) -> Evaluation:
    return offline_evaluation(
        conversation,
        info,
        now,
        raw=a.raw,
        sub_scores=a.sub_scores,
        signals=a.signals,
        confidence=a.confidence,
        language=a.language,
        flags=a.flags,
    )


def features(outcome: Outcome, sentiment: float, effort: float, quality: float, w: Weights) -> dict[str, float]:
    """The terms of the raw score, each multiplied by the weight of the same name: raw = base + sum."""
    resolved = outcome.resolution is Resolution.RESOLVED
    return {
        "resolved": float(resolved and not outcome.recovered),
        "recovered": float(resolved and outcome.recovered),
        "unresolved": float(outcome.resolution is Resolution.UNRESOLVED),
        "sentiment": sentiment - 3,
        "effort": effort - 5,
        "service_quality": quality - 3,
        "per_done": float(min(w.max_done, outcome.done)),
    }


def _done(outcome: Outcome, w: Weights) -> list[Signal]:
    if not outcome.done or outcome.signal.factor != "resolved":
        return []
    impact = w.per_done * min(w.max_done, outcome.done)
    summary = f"The agent confirms {plural(outcome.done, 'request')} carried out."
    return [Signal("agent_confirms_outcome", impact, summary, outcome.signal.evidence)]


class OfflineScorerV2:
    """Scores by rubrics/offline-v2.md. Built from plain parameters: ``OfflineScorerV2(Weights.from_dict(...))``."""

    def __init__(self, weights: Weights = DEFAULT, version: str = VERSION) -> None:
        self._w = weights
        self._info = ScorerInfo(name=NAME, version=version, model=MODEL, rubric_version=RUBRIC_VERSION)

    @property
    def info(self) -> ScorerInfo:
        return self._info

    def assess(self, conversation: Conversation) -> Assessment:
        w, messages = self._w, conversation.messages
        language = detect(m.text for m in messages if m.role is Role.CUSTOMER)
        reading = read(messages, w)
        outcome = assess_resolution(reading)
        sentiment, mood = customer_sentiment(reading, outcome, w)
        effort, toil = customer_effort(reading, w)
        quality, service = service_quality(reading, outcome, w)
        terms = features(outcome, sentiment, effort, quality, w)
        raw = w.base + sum(getattr(w, name) * value for name, value in terms.items())
        settled = sum(getattr(w, name) * terms[name] for name in ("resolved", "recovered", "unresolved"))
        if outcome.resolution is Resolution.UNRESOLVED:
            raw = min(raw, w.unresolved_cap)
        signals = [
            outcome.signal.weighed(settled),
            *(s.weighed(w.sentiment) for s in mood),
            *(s.weighed(w.effort) for s in toil),
            *(s.weighed(w.service_quality) for s in service),
            *_done(outcome, w),
        ]
        return assessed(raw, reading, outcome, (sentiment, effort, quality), signals, language, terms)

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        try:
            a = self.assess(conversation)
        except (ValueError, IndexError) as exc:
            raise ScoringError(f"offline-v2 scorer failed on {conversation.id}: {exc}") from exc
        return evaluation_of(a, conversation, self._info, now)
