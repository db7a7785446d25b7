"""What the aggregates hold about a case: a note per counted contact, and the case's own counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from cx.aggregation.contribution import Applied
from cx.aggregation.counters import Counts, add
from cx.aggregation.keys import AggKey, case_row_key, cube_pk, cube_sk, journey_dim_key, journey_key
from cx.domain.conversation import CaseOutcome

T = TypeVar("T")

UNSCORED_LANGUAGE = ("unscored", "language")  # the case index of cases with a contact in an unreadable language


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
    unscored: str | None = None
    # recorded since `/cx journey` takes two filters: the case counts in its latest cube cell too
    inquiry: str | None = None
    cube: bool | None = None

    @classmethod
    def of(cls, applied: Applied) -> ContactNote:
        return cls(
            as_of=applied.as_of,
            journey=applied.journey,
            day=applied.case_day,
            outcome=applied.case_outcome,
            cx_score=None if applied.unscored else applied.cx_score,
            unscored=applied.unscored,
            channel=applied.channel,
            team=applied.team,
            agent_id=applied.agent_id,
            inquiry=applied.inquiry,
            cube=applied.cube,
        )


_EARLIEST = datetime.min.replace(tzinfo=UTC)


# a contact's segment values by name, each typed: the case's latest of each is what its case counts are filed under
_SEGMENT: dict[str, Callable[[ContactNote], str | None]] = {
    "channel": lambda note: note.channel,
    "team": lambda note: note.team,
    "agent_id": lambda note: note.agent_id,
    "inquiry": lambda note: note.inquiry,
}


class CaseState(BaseModel):
    """What the aggregates hold about a case: a note per counted contact.

    The case's journey, day and outcome each come from the most recent contact that states them, so
    the state depends only on which contacts are counted, never on the order they arrived in.
    """

    model_config = ConfigDict(frozen=True)

    case_id: str
    contacts: dict[str, ContactNote] = Field(default_factory=dict)
    version: int = 0

    def _latest(self, stated: Callable[[ContactNote], T | None]) -> T | None:
        newest_first = sorted(self.contacts.items(), key=lambda kv: (kv[1].as_of or _EARLIEST, kv[0]), reverse=True)
        return next((value for _, note in newest_first if (value := stated(note)) is not None), None)

    @property
    def journey(self) -> str | None:
        return self._latest(lambda note: note.journey)

    @property
    def day(self) -> date | None:
        return self._latest(lambda note: note.day)

    @property
    def outcome(self) -> CaseOutcome | None:
        return self._latest(lambda note: note.outcome)

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
        """The case's own counts: on its journey's day, its latest channel/team/agent's, its latest cube cell
        (team, channel, inquiry, agent: what `/cx journey` with two filters sums) and its case rows."""
        journey, day, outcome = self.journey, self.day, self.outcome
        if not (self.contacts and journey and day and outcome):
            return {}
        case_counts: Counts = {"cases": 1, f"outcome_{outcome.value}": 1}
        out = {journey_key(journey, day): dict(case_counts)}
        dims = [(d, v) for d in ("channel", "team", "agent_id") if (v := self._latest(_SEGMENT[d]))]
        for dimension, value in dims:
            out[journey_dim_key(journey, dimension.removesuffix("_id"), value, day)] = dict(case_counts)
        if any(note.cube for note in self.contacts.values()):
            # a state of notes written before this held no cube count, so taking its counts out takes out none
            cell = tuple(self._latest(_SEGMENT[d]) for d in ("team", "channel", "inquiry", "agent_id"))
            out[(cube_pk(journey, day), cube_sk(day, cell))] = dict(case_counts)
        row = dict(case_counts)
        for note in self.contacts.values():
            if note.unscored:
                add(row, {f"unscored_{note.unscored}": 1})
            elif note.cx_score is not None:
                add(row, {"evaluations": 1, "score_sum": note.cx_score, f"hist_{note.cx_score}": 1})
        # the row's key moves with the case's average: the fold takes the old row out and puts the new one in
        avg = row["score_sum"] / row["evaluations"] if row.get("evaluations") else None
        out[case_row_key(journey, day, self.case_id, avg)] = row
        for dimension, value in dims:
            if dimension != "channel":
                out[case_row_key(journey, day, self.case_id, avg, dimension.removesuffix("_id"), value)] = dict(row)
        if row.get("unscored_language"):  # the cases a human must read: the digest's QA picks list them
            out[case_row_key(journey, day, self.case_id, avg, *UNSCORED_LANGUAGE)] = dict(row)
        return out
