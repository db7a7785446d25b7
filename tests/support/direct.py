"""Figures computed straight from raw conversations and evaluations, independent of the aggregation code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, tzinfo

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation


@dataclass(frozen=True)
class DirectFigures:
    evaluations: int
    average: float | None
    pass_rate: float | None
    cases: int
    outcomes: dict[str, int]


def journey_figures(
    pairs: Iterable[tuple[Conversation, Evaluation]],
    journey: str,
    start: date,
    end: date,
    tz: tzinfo,
    threshold: int,
) -> DirectFigures:
    scores: list[int] = []
    latest_contact: dict[str, Conversation] = {}
    for conversation, evaluation in pairs:
        when = conversation.case_opened_at or conversation.when
        if conversation.journey != journey or when is None or not start <= when.astimezone(tz).date() <= end:
            continue
        scores.append(evaluation.cx_score)
        held = latest_contact.get(conversation.case_ref)
        if held is None or (conversation.when or when) >= (held.when or when):
            latest_contact[conversation.case_ref] = conversation
    outcomes: dict[str, int] = {}
    for contact in latest_contact.values():
        if contact.case_outcome is not None:
            outcomes[contact.case_outcome.value] = outcomes.get(contact.case_outcome.value, 0) + 1
    return DirectFigures(
        evaluations=len(scores),
        average=sum(scores) / len(scores) if scores else None,
        pass_rate=sum(s >= threshold for s in scores) / len(scores) if scores else None,
        cases=sum(outcomes.values()),
        outcomes=outcomes,
    )
