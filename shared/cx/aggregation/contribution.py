"""What one evaluated conversation, and one case, add to which aggregate keys.

Keys are (pk, sk): pk names a dimension value (``journey=billing``), sk a local day or ``case``.
Journey figures are dated by the case's day (the QA-tool convention: a case counts in the period it
was opened); agent and channel figures by the contact's own day.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cx.aggregation.counters import Counts, add
from cx.domain.conversation import CaseOutcome, Conversation
from cx.domain.evaluation import Direction, Evaluation, ScorerInfo

AggKey = tuple[str, str]
Segment = tuple[str, str, str]  # (journey, dimension, value): a journey slice that has aggregate items
CASE_SK = "case"


def journey_key(journey: str, day: date) -> AggKey:
    return (f"journey={journey}", day.isoformat())


def journey_channel_key(journey: str, channel: str, day: date) -> AggKey:
    return (f"journey={journey}|channel={channel}", day.isoformat())


def channel_key(channel: str, day: date) -> AggKey:
    return (f"channel={channel}", day.isoformat())


def case_key(case_id: str) -> AggKey:
    return (f"case={case_id}", CASE_SK)


SCORER_LABEL_UNSAFE = re.compile(r"[^A-Za-z0-9._@/+-]")


def scorer_label(info: ScorerInfo) -> str:
    """The scorer as a key-safe label: ``<name>@<version>/<model>/<rubric_version>``."""
    return SCORER_LABEL_UNSAFE.sub("-", f"{info.name}@{info.version}/{info.model}/{info.rubric_version}")


def journey_dim_key(journey: str, dimension: str, value: str, day: date) -> AggKey:
    """A journey's figures for one team, agent or channel (the filters of `/cx journeys`)."""
    return (f"journey={journey}|{dimension}={value}", day.isoformat())


def week_of(day: date) -> date:
    """The Monday that starts ``day``'s week: case indexes are partitioned by week."""
    return day - timedelta(days=day.weekday())


def case_row_pk(journey: str, week: date, dimension: str | None = None, value: str | None = None) -> str:
    """A journey's case index for one week (and slice): one row per counted case, ranked by its score."""
    sliced = f"|{dimension}={value}" if dimension else ""
    return f"cases|journey={journey}{sliced}|{week_of(week).isoformat()}"


def rank(avg_score: float | None) -> str:
    """Sort key prefix: the lowest average CX first; cases without a score last."""
    return "none" if avg_score is None else f"{avg_score:.2f}"


def case_row_key(
    journey: str,
    day: date,
    case_id: str,
    avg_score: float | None,
    dimension: str | None = None,
    value: str | None = None,
) -> AggKey:
    """(pk, sk): the week's partition, and ``<rank>#<day>#<case id>`` so that a range read can skip other days."""
    return (case_row_pk(journey, day, dimension, value), f"{rank(avg_score)}#{day.isoformat()}#{case_id}")


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
            handle_seconds=handle_seconds(conversation),
            scorer=scorer_label(evaluation.scorer),
            negative_factors=tuple(sorted({r.factor for r in evaluation.reasons if r.direction is Direction.NEGATIVE})),
        )

    @property
    def fingerprint(self) -> str:
        """Identifies exactly what this contribution counts: the ledger's guard against lost updates."""
        # fields added later are left out while unset, so ledger entries written before them still match
        later = ("team", "handle_seconds", "scorer", "negative_factors")
        unset_later = {name for name in later if getattr(self, name) is None} or None
        return hashlib.sha256(self.model_dump_json(exclude=unset_later).encode()).hexdigest()[:24]

    def counts(self) -> Counts:
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

    def segments(self) -> set[Segment]:
        """(journey, dimension, value) for every journey slice this contribution feeds: the catalog of slices."""
        if not self.journey or not self.case_day:
            return set()
        values = [("channel", self.channel), ("team", self.team), ("agent", self.agent_id)]
        if self.scorer is not None:
            values += [("scorer", self.scorer), ("inquiry", self.inquiry)]
            values += [("reason", factor) for factor in self.negative_factors or ()]
        return {(self.journey, dimension, value) for dimension, value in values if value}


class ContactNote(BaseModel):
    """What one counted contact says about its case."""

    model_config = ConfigDict(frozen=True)

    as_of: datetime | None = None
    journey: str | None = None
    day: date | None = None
    outcome: CaseOutcome | None = None
    cx_score: int | None = None
    channel: str | None = None
    team: str | None = None
    agent_id: str | None = None

    @classmethod
    def of(cls, applied: Applied) -> ContactNote:
        return cls(
            as_of=applied.as_of,
            journey=applied.journey,
            day=applied.case_day,
            outcome=applied.case_outcome,
            cx_score=applied.cx_score,
            channel=applied.channel,
            team=applied.team,
            agent_id=applied.agent_id,
        )


_EARLIEST = datetime.min.replace(tzinfo=UTC)


class CaseState(BaseModel):
    """What the aggregates hold about a case: a note per counted contact.

    The case's journey, day and outcome each come from the most recent contact that states them, so
    the state depends only on which contacts are counted, never on the order they arrived in.
    """

    model_config = ConfigDict(frozen=True)

    case_id: str
    contacts: dict[str, ContactNote] = Field(default_factory=dict)
    version: int = 0

    def _latest(self, field: str) -> Any:
        newest_first = sorted(self.contacts.items(), key=lambda kv: (kv[1].as_of or _EARLIEST, kv[0]), reverse=True)
        return next((value for _, note in newest_first if (value := getattr(note, field)) is not None), None)

    @property
    def journey(self) -> str | None:
        return self._latest("journey")  # type: ignore[no-any-return]

    @property
    def day(self) -> date | None:
        return self._latest("day")  # type: ignore[no-any-return]

    @property
    def outcome(self) -> CaseOutcome | None:
        return self._latest("outcome")  # type: ignore[no-any-return]

    def with_contact(self, applied: Applied) -> CaseState:
        return CaseState(
            case_id=self.case_id,
            contacts={**self.contacts, applied.conversation_id: ContactNote.of(applied)},
            version=self.version + 1,
        )

    def counted(self) -> bool:
        """The inclusion rule: a case counts when it has a journey, a date, an outcome and an evaluation."""
        return bool(self.contacts and self.journey and self.day and self.outcome)

    def counts(self) -> dict[AggKey, Counts]:
        """The case's own counts: on its journey's day, its latest channel/team/agent's, and its case rows."""
        journey, day, outcome = self.journey, self.day, self.outcome
        if not (self.contacts and journey and day and outcome):
            return {}
        case_counts: Counts = {"cases": 1, f"outcome_{outcome.value}": 1}
        out = {journey_key(journey, day): dict(case_counts)}
        dims = [(d, v) for d in ("channel", "team", "agent_id") if (v := self._latest(d))]
        for dimension, value in dims:
            out[journey_dim_key(journey, dimension.removesuffix("_id"), value, day)] = dict(case_counts)
        row = dict(case_counts)
        for note in self.contacts.values():
            if note.cx_score is not None:
                add(row, {"evaluations": 1, "score_sum": note.cx_score, f"hist_{note.cx_score}": 1})
        # the row's key moves with the case's average: the fold takes the old row out and puts the new one in
        avg = row["score_sum"] / row["evaluations"] if row.get("evaluations") else None
        out[case_row_key(journey, day, self.case_id, avg)] = row
        for dimension, value in dims:
            if dimension != "channel":
                out[case_row_key(journey, day, self.case_id, avg, dimension.removesuffix("_id"), value)] = dict(row)
        return out
