"""What one evaluated conversation, and one case, add to which aggregate keys.

Keys are (pk, sk): pk names a dimension value (``journey=billing``), sk a local day or ``case``.
Journey figures are dated by the case's day (the QA-tool convention: a case counts in the period it
was opened); agent and channel figures by the contact's own day.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from pydantic import BaseModel, ConfigDict

from cx.aggregation.counters import Counts
from cx.domain.conversation import CaseOutcome, Conversation
from cx.domain.evaluation import Evaluation

AggKey = tuple[str, str]
CASE_SK = "case"


def journey_key(journey: str, day: date) -> AggKey:
    return (f"journey={journey}", day.isoformat())


def journey_channel_key(journey: str, channel: str, day: date) -> AggKey:
    return (f"journey={journey}|channel={channel}", day.isoformat())


def agent_inquiry_key(agent: str, inquiry: str, day: date) -> AggKey:
    return (f"agent={agent}|inquiry={inquiry}", day.isoformat())


def channel_key(channel: str, day: date) -> AggKey:
    return (f"channel={channel}", day.isoformat())


def case_key(case_id: str) -> AggKey:
    return (f"case={case_id}", CASE_SK)


def local_day(moment: datetime | None, tz: tzinfo) -> date | None:
    return moment.astimezone(tz).date() if moment else None


class Applied(BaseModel):
    """The part of a (conversation, evaluation) pair that is counted in the aggregates."""

    model_config = ConfigDict(frozen=True)

    conversation_id: str
    evaluation_id: str
    case_id: str
    journey: str | None
    channel: str
    agent_id: str | None
    inquiry: str | None
    case_outcome: CaseOutcome | None
    case_day: date | None
    contact_day: date | None
    as_of: datetime | None = None
    cx_score: int
    resolution: str
    sentiment: float
    effort: float
    quality: float

    @classmethod
    def of(cls, conversation: Conversation, evaluation: Evaluation, tz: tzinfo) -> Applied:
        subs = evaluation.sub_scores
        return cls(
            conversation_id=conversation.id,
            evaluation_id=evaluation.id,
            case_id=conversation.case_ref,
            journey=conversation.journey,
            channel=conversation.channel.value,
            agent_id=conversation.agent_id,
            inquiry=conversation.inquiry,
            case_outcome=conversation.case_outcome,
            case_day=local_day(conversation.case_when, tz),
            contact_day=local_day(conversation.when, tz),
            as_of=conversation.when,
            cx_score=evaluation.cx_score,
            resolution=subs.resolution.value,
            sentiment=round(subs.sentiment, 2),
            effort=round(subs.effort, 2),
            quality=round(subs.service_quality, 2),
        )

    def counts(self) -> Counts:
        return {
            "evaluations": 1,
            "score_sum": self.cx_score,
            f"hist_{self.cx_score}": 1,
            f"resolution_{self.resolution}": 1,
            "sentiment_sum": self.sentiment,
            "effort_sum": self.effort,
            "quality_sum": self.quality,
        }

    def keys(self) -> list[AggKey]:
        keys = [case_key(self.case_id)]
        if self.journey and self.case_day:
            keys.append(journey_key(self.journey, self.case_day))
            keys.append(journey_channel_key(self.journey, self.channel, self.case_day))
        if self.contact_day:
            keys.append(channel_key(self.channel, self.contact_day))
            if self.agent_id and self.inquiry:
                keys.append(agent_inquiry_key(self.agent_id, self.inquiry, self.contact_day))
        return keys


class CaseState(BaseModel):
    """What the aggregates currently hold about a case: which contacts are counted, and its outcome."""

    model_config = ConfigDict(frozen=True)

    case_id: str
    journey: str | None = None
    day: date | None = None
    outcome: CaseOutcome | None = None
    contacts: frozenset[str] = frozenset()
    as_of: datetime | None = None
    version: int = 0

    def with_contact(self, applied: Applied) -> CaseState:
        """Count the contact; the most recent contact's journey, day and outcome win, whatever the arrival order."""
        newer = self.as_of is None or (applied.as_of is not None and applied.as_of >= self.as_of)
        mine = (self.journey, self.day, self.outcome)
        theirs = (applied.journey, applied.case_day, applied.case_outcome)
        preferred, fallback = (theirs, mine) if newer else (mine, theirs)
        journey, day, outcome = (p if p is not None else f for p, f in zip(preferred, fallback, strict=True))
        return CaseState(
            case_id=self.case_id,
            journey=journey,  # type: ignore[arg-type]
            day=day,  # type: ignore[arg-type]
            outcome=outcome,  # type: ignore[arg-type]
            contacts=self.contacts | {applied.conversation_id},
            as_of=max((t for t in (self.as_of, applied.as_of) if t), default=None),
            version=self.version + 1,
        )

    def counted(self) -> bool:
        """The inclusion rule: a case counts when it has a journey, a date, an outcome and an evaluation."""
        return bool(self.contacts and self.journey and self.day and self.outcome)

    def counts(self) -> dict[AggKey, Counts]:
        if not self.counted():
            return {}
        assert self.journey and self.day and self.outcome
        return {journey_key(self.journey, self.day): {"cases": 1, f"outcome_{self.outcome.value}": 1}}
