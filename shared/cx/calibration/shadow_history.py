"""Shadowing history: the candidate scores the sampled conversations already stored, as a bulk job.

Its evaluations are stored unpublished, like live shadow evaluations; a conversation the candidate already
scored (same version and content) is skipped, so the job can be run again or resumed after a stop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from cx.calibration.shadow import Shadow
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.scoring.port import ScorerUnavailable

BATCH = 25


@dataclass
class HistoryProgress:
    seen: int = 0  # stored conversations looked at
    sampled: int = 0  # of those, in the shadow's share and period
    scored: int = 0
    already: int = 0  # scored by this version before (a rerun)
    failed: int = 0
    stopped: str | None = None  # why the job stopped early (the model API unavailable); rerun to resume
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.seen} conversations looked at, {self.sampled} sampled: {self.scored} scored, "
            f"{self.already} already scored by this version, {self.failed} failed"
        )


def _batches(items: Iterable[Conversation], size: int) -> Iterator[list[Conversation]]:
    batch: list[Conversation] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def shadow_history(
    stored: Iterable[Conversation],
    shadow: Shadow,
    since: date,
    day_of: Callable[[Conversation], date],
    already_scored: Callable[[Sequence[tuple[str, str]]], set[str]],
    put: Callable[[list[Evaluation]], None],
    clock: Callable[[], datetime],
    progress: Callable[[HistoryProgress], None] = lambda p: None,
) -> HistoryProgress:
    """Score the sampled stored conversations from ``since`` on with the candidate, unpublished.

    ``already_scored(pairs)``: which (conversation id, evaluation id) pairs are stored already; ``put`` stores a batch.
    """
    done = HistoryProgress()
    info = shadow.scorer.info
    wanted = (c for c in stored if _counted(done) and day_of(c) >= since and shadow.samples(c.id))
    for batch in _batches(wanted, BATCH):
        done.sampled += len(batch)
        expected = {c.id: f"{info.name}:{info.version}:{info.rubric_version}:{c.content_hash()}" for c in batch}
        have = already_scored(list(expected.items()))
        todo = [c for c in batch if expected[c.id] not in have]
        done.already += len(batch) - len(todo)
        try:
            made = shadow.score(todo, clock, strict=True)
        except ScorerUnavailable as exc:
            done.stopped = str(exc)
            break
        put(made)
        done.scored += len(made)
        failed = {c.id for c in todo} - {e.conversation_id for e in made}
        done.failed += len(failed)
        done.failures += sorted(failed)[:10]
        progress(done)
    return done


def _counted(done: HistoryProgress) -> bool:
    done.seen += 1
    return True
