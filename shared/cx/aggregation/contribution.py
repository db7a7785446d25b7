"""What one evaluated conversation adds to which aggregate keys (the layout itself is in ``keys``).

Journey figures are dated by the case's day (the QA-tool convention: a case counts in the period it
was opened); agent and channel figures by the contact's own day.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, tzinfo

from pydantic import BaseModel, ConfigDict

from cx.aggregation.counters import Counts, handle_count, handle_sum
from cx.aggregation.keys import (
    AggKey,
    Segment,
    case_key,
    channel_key,
    cube_pk,
    cube_sk,
    journey_channel_key,
    journey_dim_key,
    journey_key,
)
from cx.domain.conversation import CaseOutcome, Conversation
from cx.domain.evaluation import Direction, Evaluation, ScorerInfo

SCORER_LABEL_UNSAFE = re.compile(r"[^A-Za-z0-9._@/+-]")


def scorer_label(info: ScorerInfo) -> str:
    """The scorer as a key-safe label: ``<name>@<version>/<model>/<rubric_version>``."""
    return SCORER_LABEL_UNSAFE.sub("-", f"{info.name}@{info.version}/{info.model}/{info.rubric_version}")


def handle_seconds(conversation: Conversation) -> float | None:
    """Handle time: from the first to the last timestamped message (None with fewer than two times)."""
    times = [m.at for m in conversation.messages if m.at is not None]
    return round((max(times) - min(times)).total_seconds(), 1) if len(times) >= 2 else None


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
    team: str | None = None
    case_outcome: CaseOutcome | None
    case_day: date | None
    contact_day: date | None
    as_of: datetime | None = None
    cx_score: int
    resolution: str
    sentiment: float
    effort: float
    quality: float
    handle_seconds: float | None = None  # first to last message; None when the messages carry no times
    # recorded since `/cx why`: which scorer produced the score and its negative reasons' factors
    scorer: str | None = None
    negative_factors: tuple[str, ...] | None = None
    # recorded since the drill-down of `/cx why`: the contribution feeds the journey's cube cell
    cube: bool | None = None
    # recorded since unreadable languages are counted apart: why this contact has no score ("language")
    unscored: str | None = None
    # recorded since handle time is shown per channel: the contribution feeds its channel's handle counters too.
    # None in a ledger entry written before (it fed only the mixed ones), so taking it out takes out only those
    channel_handle: bool | None = None

    @classmethod
    def of(cls, conversation: Conversation, evaluation: Evaluation, tz: tzinfo) -> Applied:
        subs = evaluation.sub_scores
        handled = handle_seconds(conversation)
        return cls(
            conversation_id=conversation.id,
            evaluation_id=evaluation.id,
            case_id=conversation.case_ref,
            journey=conversation.journey,
            channel=conversation.channel.value,
            agent_id=conversation.agent_id,
            inquiry=conversation.inquiry,
            team=conversation.team,
            case_outcome=conversation.case_outcome,
            case_day=local_day(conversation.case_when, tz),
            contact_day=local_day(conversation.when, tz),
            as_of=conversation.when,
            cx_score=evaluation.cx_score,
            resolution=subs.resolution.value,
            sentiment=round(subs.sentiment, 2),
            effort=round(subs.effort, 2),
            quality=round(subs.service_quality, 2),
            handle_seconds=handled,
            scorer=scorer_label(evaluation.scorer),
            negative_factors=()
            if evaluation.unscored
            else tuple(sorted({r.factor for r in evaluation.reasons if r.direction is Direction.NEGATIVE})),
            cube=True,
            unscored=evaluation.unscored,
            channel_handle=True if handled is not None else None,
        )

    @property
    def fingerprint(self) -> str:
        """Identifies exactly what this contribution counts: the ledger's guard against lost updates."""
        # fields added later are left out while unset, so ledger entries written before them still match
        later = ("team", "handle_seconds", "scorer", "negative_factors", "cube", "unscored", "channel_handle")
        unset_later = {name for name in later if getattr(self, name) is None} or None
        return hashlib.sha256(self.model_dump_json(exclude=unset_later).encode()).hexdigest()[:24]

    def counts(self) -> Counts:
        if self.unscored:  # no score: counted apart, so no average, pass rate or histogram includes it
            return {f"unscored_{self.unscored}": 1}
        counts: Counts = {
            "evaluations": 1,
            "score_sum": self.cx_score,
            f"hist_{self.cx_score}": 1,
            f"resolution_{self.resolution}": 1,
            "sentiment_sum": self.sentiment,
            "effort_sum": self.effort,
            "quality_sum": self.quality,
        }
        if self.handle_seconds is not None:
            counts |= {"handle_seconds_sum": self.handle_seconds, "handle_count": 1}
            if self.channel_handle:
                counts |= {handle_sum(self.channel): self.handle_seconds, handle_count(self.channel): 1}
        return counts

    def keys(self) -> list[AggKey]:
        keys = [case_key(self.case_id)]
        if self.journey and self.case_day:
            keys.append(journey_key(self.journey, self.case_day))
            keys.append(journey_channel_key(self.journey, self.channel, self.case_day))
            if self.team:
                keys.append(journey_dim_key(self.journey, "team", self.team, self.case_day))
            if self.agent_id:
                keys.append(journey_dim_key(self.journey, "agent", self.agent_id, self.case_day))
            keys += self._explain_keys(self.journey, self.case_day)
            if self.cube:  # a ledger entry written before the cube existed takes out what it put in
                keys.append(self.cube_key(self.journey, self.case_day))
        if self.contact_day:
            keys.append(channel_key(self.channel, self.contact_day))
        # an agent's days on an inquiry are the ``agent=<a>|by-inquiry`` rows (performance_keys): no copy here
        return keys

    def _explain_keys(self, journey: str, day: date) -> list[AggKey]:
        """The journey's day by inquiry, scorer and negative reason factor (what `/cx why` reads).

        Only a contribution that records its scorer feeds them, so a ledger entry written before these
        keys existed takes out exactly what it put in."""
        if self.scorer is None:
            return []
        keys = [journey_dim_key(journey, "scorer", self.scorer, day)]
        if self.inquiry:
            keys.append(journey_dim_key(journey, "inquiry", self.inquiry, day))
        keys += [journey_dim_key(journey, "reason", factor, day) for factor in self.negative_factors or ()]
        return keys

    def cube_key(self, journey: str, day: date) -> AggKey:
        """The one cube cell of this contact (see ``keys.cube_pk``)."""
        return (cube_pk(journey, day), cube_sk(day, (self.team, self.channel, self.inquiry, self.agent_id)))

    def segments(self) -> set[Segment]:
        """(journey, dimension, value) for every journey slice this contribution feeds: the catalog of slices."""
        if not self.journey or not self.case_day:
            return set()
        values = [("channel", self.channel), ("team", self.team), ("agent", self.agent_id)]
        if self.scorer is not None:
            values += [("scorer", self.scorer), ("inquiry", self.inquiry)]
            values += [("reason", factor) for factor in self.negative_factors or ()]
        return {(self.journey, dimension, value) for dimension, value in values if value}
