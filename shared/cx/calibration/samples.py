"""Pairs of (scorer's CX score, human ratings): scored on the fly from a labelled file, or read from storage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from cx.calibration.labels import Label, by_conversation
from cx.calibration.report import Sample
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ports import ConversationStore, EvaluationHistory
from cx.scoring.port import Scorer


@dataclass(frozen=True)
class Samples:
    scorer: str  # the one scorer version every sample was scored by
    samples: list[Sample]
    left_out: int = 0  # labelled conversations without an evaluation by that scorer version


def _sample(conversation: Conversation | None, evaluation: Evaluation, ratings: list[int]) -> Sample:
    c = conversation
    return Sample(
        conversation_id=evaluation.conversation_id,
        score=evaluation.cx_score,
        ratings=tuple(ratings),
        channel=c.channel.value if c else None,
        journey=c.journey if c else None,
        team=c.team if c else None,
        raw=evaluation.raw_score,
    )


def scored_on_the_fly(
    conversations: Iterable[Conversation],
    labels: list[Label],
    scorer: Scorer,
    now: datetime,
    progress: Callable[[int], None] | None = None,
) -> Samples:
    """Score each labelled conversation with ``scorer`` now; nothing is stored. ``progress`` hears of each one."""
    ratings = by_conversation(labels)
    samples = []
    for c in conversations:
        if ratings.get(c.id):
            samples.append(_sample(c, scorer.score(c, now), ratings[c.id]))
        if progress is not None:
            progress(1)
    return Samples(scorer.info.label, samples)


def from_storage(
    labels: list[Label], conversations: ConversationStore, history: EvaluationHistory, scorer_name: str | None = None
) -> Samples:
    """Stored evaluations of the labelled conversations: the current one, or the latest by ``scorer_name``.

    Scorer versions are never mixed: the version that evaluated most of them is measured, the rest left out.
    """
    ratings = by_conversation(labels)
    stored = conversations.current(ratings)
    found: list[tuple[Conversation | None, Evaluation]] = []
    for cid in ratings:
        held = stored.get(cid)
        evaluation = held.evaluation if held else None
        if scorer_name and (evaluation is None or evaluation.scorer.name != scorer_name):
            by_name = [e for e in history.evaluations_of(cid) if e.scorer.name == scorer_name]
            evaluation = max(by_name, key=lambda e: e.evaluated_at) if by_name else None
        if evaluation is not None:
            found.append((Conversation.model_validate_json(held.conversation_json) if held else None, evaluation))
    if not found:
        return Samples(scorer_name or "no scorer", [], left_out=len(ratings))
    version, _ = Counter(e.scorer.label for _, e in found).most_common(1)[0]
    kept = [_sample(c, e, ratings[e.conversation_id]) for c, e in found if e.scorer.label == version]
    return Samples(version, kept, left_out=len(ratings) - len(kept))
