"""Conversations worth a manual QA review: CX 1-3 with the most severe reasons.

Candidates come from the journeys' weekly case indexes (cases ranked lowest average first), a few
rows from each; then only the worst ``MAX_CASES_READ`` cases are read in full (one query each, at once).
Severity orders by the CX score, then by the case's outcome (escalated or unresolved before
abandoned before resolved), then by the number of negative reasons the scorer gave. A case is
listed once, with its most severe conversation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from cx.aggregation.case_state import UNSCORED_LANGUAGE
from cx.aggregation.keys import case_row_pk, week_of
from cx.domain.evaluation import Direction
from cx.parallel import each
from cx.ranges import DateRange
from cx.reads import CaseContactsReader, RankedReader
from cx.reports.case import case_view
from cx.reports.figures import Figures

WORST_SCORE = 3  # CX 1-3
ROWS_PER_INDEX = 4
MAX_CASES_READ = 10
SHOWN = 5
MAX_UNSCORED = 3  # conversations not scored (language) listed besides the worst scored ones
OUTCOME_SEVERITY = {"escalated": 3, "unresolved": 3, "abandoned": 2, "resolved": 0}


@dataclass(frozen=True)
class Candidate:
    case_id: str
    journey: str
    avg_score: float


@dataclass(frozen=True)
class ReviewPick:
    case_id: str
    journey: str
    conversation_id: str
    channel: str
    score: int | None  # None: not scored (see ``not_scored``)
    outcome: str | None
    negatives: int
    reason: str | None  # the scorer's first negative reason
    not_scored: str | None = None  # e.g. "language de": the scorer cannot read it, a human must

    @property
    def severity(self) -> tuple[int, int, int]:
        """Smaller is more severe."""
        return (self.score or 0, -OUTCOME_SEVERITY.get(self.outcome or "", 1), -self.negatives)


def candidates(reader: RankedReader, journeys: Sequence[str], period: DateRange) -> list[Candidate]:
    weeks = sorted({week_of(day) for day in period.each_day()})
    pks = {case_row_pk(j, w): j for j in journeys for w in weeks}

    found: dict[str, Candidate] = {}
    for pk, rows in reader.read_ranked(list(pks), ROWS_PER_INDEX, _in(period)).items():
        for sk, counts in rows:
            avg = Figures.of(counts).avg_score
            if avg is not None and avg <= WORST_SCORE:
                case_id = sk.split("#", 2)[2]
                found[case_id] = Candidate(case_id, pks[pk], avg)
    return sorted(found.values(), key=lambda c: (c.avg_score, c.case_id))


def review_picks(
    reader: RankedReader, cases: CaseContactsReader, journeys: Sequence[str], period: DateRange
) -> list[ReviewPick]:
    picks = []
    chosen = candidates(reader, journeys, period)[:MAX_CASES_READ]
    for candidate, view in zip(chosen, each(lambda c: case_view(cases, c.case_id), chosen), strict=True):
        if view is None:
            continue
        outcome = view.outcome.value if view.outcome else None
        for conversation, evaluation in view.contacts:
            scored = evaluation is not None and evaluation.published and not evaluation.unscored
            if evaluation is None or not scored or evaluation.cx_score > WORST_SCORE:
                continue
            negative = [r for r in evaluation.reasons if r.direction is Direction.NEGATIVE]
            picks.append(
                ReviewPick(
                    case_id=candidate.case_id,
                    journey=candidate.journey,
                    conversation_id=conversation.id,
                    channel=conversation.channel.value,
                    score=evaluation.cx_score,
                    outcome=outcome,
                    negatives=len(negative),
                    reason=negative[0].summary if negative else None,
                )
            )
    worst_per_case: dict[str, ReviewPick] = {}
    for pick in sorted(picks, key=lambda p: (p.severity, p.case_id, p.conversation_id)):
        worst_per_case.setdefault(pick.case_id, pick)  # one conversation a case: its most severe
    return list(worst_per_case.values())[:SHOWN] + unscored_picks(reader, cases, journeys, period)


def unscored_picks(
    reader: RankedReader, cases: CaseContactsReader, journeys: Sequence[str], period: DateRange
) -> list[ReviewPick]:
    """Conversations the scorer could not read (their language): never a score, always a human's to read."""
    weeks = sorted({week_of(day) for day in period.each_day()})
    pks = {case_row_pk(j, w, *UNSCORED_LANGUAGE): j for j in journeys for w in weeks}
    found: dict[str, str] = {}
    for pk, rows in reader.read_ranked(list(pks), ROWS_PER_INDEX, _in(period)).items():
        for sk, _ in rows:
            found.setdefault(sk.split("#", 2)[2], pks[pk])
    picks = []
    chosen = sorted(found.items())[:MAX_UNSCORED]
    for (case_id, journey), view in zip(chosen, each(lambda c: case_view(cases, c[0]), chosen), strict=True):
        if view is None:
            continue
        for conversation, evaluation in view.contacts:
            if evaluation is not None and evaluation.published and evaluation.unscored:
                picks.append(
                    ReviewPick(
                        case_id=case_id,
                        journey=journey,
                        conversation_id=conversation.id,
                        channel=conversation.channel.value,
                        score=None,
                        outcome=view.outcome.value if view.outcome else None,
                        negatives=0,
                        reason=None,
                        not_scored=f"{evaluation.unscored} {evaluation.language}",
                    )
                )
                break
    return picks


def _in(period: DateRange) -> Callable[[str], bool]:
    def in_period(sk: str) -> bool:
        return period.start <= date.fromisoformat(sk.split("#", 2)[1]) <= period.end

    return in_period
