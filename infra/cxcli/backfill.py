"""`cx backfill FILE`: score a large historical load with Claude through the Message Batches API."""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path

from cx.backfill import backfill
from cx.bootstrap import build_claude_scorer
from cx.config import ConfigError
from cx.importers.files import load
from cx.scoring.claude.adapter import ClaudeScorer
from cx.scoring.claude.batches import BatchScorer
from cx.scoring.claude.pricing import dollars, total_cost
from cx.wiring import Wiring
from cxcli.local_env import open_backend
from cxcli.progress import terminal_tracker


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
        batches = BatchScorer(scorer, poll_seconds=args.poll_seconds)
        pipeline = wiring.pipeline(scorer)
        started = time.monotonic()
        report = backfill(pipeline, batches.score_all, result.accepted, terminal_tracker())
    usages = [e.usage for _, e in report.pairs if e.usage]
    cost = f"; model cost {dollars(total_cost(usages))}" if usages else ""
    print(
        f"  {report.received} conversations: {report.scored} scored in batches {', '.join(batches.batch_ids) or '-'}, "
        f"{report.unchanged} already scored, {len(report.failed)} failed; {report.fold.folded} folded "
        f"in {time.monotonic() - started:.1f}s{cost}"
    )
    for failure in report.failed[:10]:
        print(f"  failed {failure.conversation_id}: {failure.reason}")
    return 1 if report.failed or result.rejects else 0
