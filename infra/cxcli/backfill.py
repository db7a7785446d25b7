"""`cx backfill FILE`: score a large historical load with Claude, storing each chunk as its results arrive.

On the Claude API it goes through the Message Batches API (half price); on Bedrock, which the SDK offers no
batches for, one call per conversation, --concurrency at a time. A run that stops is resumed by running it again.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from cx.backfill import BackfillReport, ScoreAll, Stopped, backfill
from cx.bootstrap import build_claude_scorer
from cx.concurrency import bounded
from cx.config import ConfigError
from cx.domain.conversation import Conversation
from cx.importers.files import load
from cx.ports import Scored
from cx.scoring.claude.adapter import ClaudeScorer
from cx.scoring.claude.batches import BatchScorer
from cx.scoring.claude.pricing import dollars, total_cost
from cx.scoring.port import ScorerUnavailable, ScoringError
from cx.wiring import Wiring
from cxcli.batch_ledger import FileLedger
from cxcli.local_env import open_backend, state_dir
from cxcli.progress import terminal_tracker


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("--poll-seconds", type=float, default=30.0, help="how often to check the batch")
    parser.add_argument("--batch-size", type=int, default=1_000, help="conversations scored, then stored, at a time")
    parser.add_argument("--concurrency", type=int, default=8, help="calls at once on Bedrock (no batches there)")


def one_by_one(scorer: ClaudeScorer, workers: int) -> ScoreAll:
    """Score each conversation with its own call, ``workers`` at a time (Bedrock). When the API is unavailable the
    chunk stops: what was scored is stored all the same (``Stopped``) and the rest is left for the next run."""

    def score_all(conversations: Sequence[Conversation], now: datetime) -> list[Scored]:
        unavailable: list[ScorerUnavailable] = []

        def one(c: Conversation) -> Scored:
            try:
                return Scored(c, scorer.score(c, now))
            except ScoringError as exc:
                return Scored(c, None, str(exc))
            except ScorerUnavailable as exc:
                unavailable.append(exc)
                raise

        outcomes = bounded(conversations, one, workers, may_start=lambda: not unavailable)
        done = [o for o in outcomes if isinstance(o, Scored)]
        if unavailable:
            raise Stopped(str(unavailable[0]), done)
        return done

    return score_all


def run(args: argparse.Namespace) -> int:
    result = load(Path(args.file))
    print(result.summary())
    with open_backend() as stack:
        wiring = Wiring(stack.settings, lambda: datetime.now(UTC), create=True)
        claude = wiring.settings.claude  # with the configured model (`cx config set claude_model=…`)
        if claude is None:
            raise ConfigError("cx backfill scores with Claude: set CX_SCORER=claude and CX_CLAUDE_MODEL")
        scorer = build_claude_scorer(claude)
        assert isinstance(scorer, ClaudeScorer)
        batches = BatchScorer(scorer, args.poll_seconds, ledger=FileLedger(state_dir() / "backfill" / "batches.json"))
        pipeline = wiring.pipeline(scorer)
        score_all = one_by_one(scorer, args.concurrency) if claude.provider == "bedrock" else batches.score_all
        started = time.monotonic()
        report = backfill(pipeline, score_all, result.accepted, terminal_tracker(), chunk=args.batch_size)
    _print(report, batches, time.monotonic() - started, args.file)
    return 1 if report.failed or result.rejects or report.stopped else 0


def _print(report: BackfillReport, batches: BatchScorer, seconds: float, file: str) -> None:
    usages = [e.usage for _, e in report.pairs if e.usage]
    cost = f"; model cost {dollars(total_cost(usages))}" if usages else ""
    resumed = f" ({len(batches.resumed)} resumed from the last run)" if batches.resumed else ""
    where = f" in batches {', '.join(batches.batch_ids)}{resumed}" if batches.batch_ids else ""
    print(
        f"  {report.received} conversations: {report.scored} scored{where}, {report.unchanged} already scored, "
        f"{len(report.failed)} failed; {report.fold.folded} folded in {seconds:.1f}s{cost}"
    )
    for failure in report.failed[:10]:
        print(f"  failed {failure.conversation_id}: {failure.reason}")
    if report.stopped:
        print(
            f"  stopped with {report.left} not scored yet: {report.stopped}. What was scored is stored and counted; "
            f"run `cx backfill {file}` again to go on from here."
        )
