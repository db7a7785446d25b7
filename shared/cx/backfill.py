"""A historical load scored in bulk, stored and folded chunk by chunk as each chunk's results arrive.

A run that stops (the model API unavailable, Ctrl-C, a killed process) keeps every chunk it finished: stored,
evaluated and folded. Running it again skips what is stored with the current evaluation and scores only the
rest; the fold of a pair already folded is a no-op (the bulk fold's journal), so nothing is counted twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from cx.domain.conversation import Conversation
from cx.pipeline import Failure, Pipeline, PipelineReport, Tracker, quiet
from cx.ports import Scored
from cx.scoring.port import ScorerUnavailable

ScoreAll = Callable[[Sequence[Conversation], datetime], list[Scored]]
CHUNK = 1_000  # conversations scored (one batch of the Batches API), then stored and folded, at a time


class Stopped(ScorerUnavailable):
    """The model API went away part way through a chunk: ``results`` were scored before it did (stored all the
    same), the chunk's other conversations were not."""

    def __init__(self, reason: str, results: list[Scored]) -> None:
        super().__init__(reason)
        self.results = results


@dataclass
class BackfillReport(PipelineReport):
    stopped: str = ""  # why the run stopped before the end ("" when it went through)
    left: int = 0  # conversations not scored yet because it stopped


def backfill(
    pipeline: Pipeline,
    score_all: ScoreAll,
    conversations: Sequence[Conversation],
    track: Tracker = quiet,
    chunk: int = CHUNK,
) -> BackfillReport:
    """Conversations already stored with the current evaluation are left alone; the rest are scored ``chunk`` at a
    time, each chunk stored and folded before the next is sent."""
    report = BackfillReport(received=len(conversations))
    current = pipeline.conversations.current(c.id for c in conversations)
    todo, kept = [], []
    for c in conversations:
        stored = current.get(c.id)
        if stored and stored.evaluation and stored.evaluation.id == pipeline.expected_evaluation_id(c):
            report.unchanged += 1
            if stored.conversation_json == c.model_dump_json(exclude_none=True):
                kept.append((c, stored.evaluation))  # folded again: a no-op, unless a crash left it unfolded
        else:
            todo.append(c)
    report.kept_pairs = kept
    report.fold.merge(pipeline.fold(kept, track))
    for start in range(0, len(todo), chunk):
        part = todo[start : start + chunk]
        try:
            results = score_all(part, pipeline.clock())
        except Stopped as exc:
            _store(pipeline, exc.results, report, track)
            report.stopped, report.left = str(exc), len(todo) - start - len(exc.results)
            break
        except ScorerUnavailable as exc:
            report.stopped, report.left = str(exc), len(todo) - start
            break
        except KeyboardInterrupt:
            report.stopped, report.left = "interrupted", len(todo) - start
            break
        _store(pipeline, results, report, track)
    return report


def _store(pipeline: Pipeline, results: list[Scored], report: BackfillReport, track: Tracker) -> None:
    evaluations = [r.evaluation for r in results if r.evaluation]
    pipeline.evaluations.put_evaluations(evaluations)
    pipeline.conversations.save(results)
    pairs = [(r.conversation, r.evaluation) for r in results if r.evaluation]
    report.scored += len(evaluations)
    report.failed += [Failure(r.conversation.id, r.failure or "not scored") for r in results if not r.evaluation]
    report.pairs += pairs
    report.fold.merge(pipeline.fold(pairs, track))
