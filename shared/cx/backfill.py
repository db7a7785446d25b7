"""A historical load scored in bulk (the Message Batches API), then stored and folded like any other."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from cx.domain.conversation import Conversation
from cx.pipeline import Failure, Pipeline, PipelineReport, Tracker, quiet
from cx.ports import Scored

ScoreAll = Callable[[Sequence[Conversation], datetime], list[Scored]]


def backfill(
    pipeline: Pipeline, score_all: ScoreAll, conversations: Sequence[Conversation], track: Tracker = quiet
) -> PipelineReport:
    """Conversations already stored with the current evaluation are left alone; the rest are scored together."""
    report = PipelineReport(received=len(conversations))
    current = pipeline.conversations.current(c.id for c in conversations)
    todo = []
    kept = []
    for c in conversations:
        stored = current.get(c.id)
        if stored and stored.evaluation and stored.evaluation.id == pipeline.expected_evaluation_id(c):
            report.unchanged += 1
            if stored.conversation_json == c.model_dump_json(exclude_none=True):
                kept.append((c, stored.evaluation))  # folded again: a no-op, unless a crash left it unfolded
        else:
            todo.append(c)
    results = score_all(todo, pipeline.clock()) if todo else []
    evaluations = [r.evaluation for r in results if r.evaluation]
    pipeline.evaluations.put_evaluations(evaluations)
    pipeline.conversations.save(results)
    report.scored = len(evaluations)
    report.failed = [Failure(r.conversation.id, r.failure or "not scored") for r in results if not r.evaluation]
    pairs = [(r.conversation, r.evaluation) for r in results if r.evaluation]
    report.pairs = pairs
    report.fold = pipeline.fold(pairs + kept, track)
    return report
