"""Claude scoring throughput by calls in flight: the real client and scorer against the local stub answering after a
fixed latency, scored through cx.concurrency.bounded as the score function and `cx backfill` on Bedrock do.

    .venv/bin/python bench/score_concurrency.py --latency 1.0 --conversations 48

Prints conversations/s per concurrency (median of --runs) and the ratio to one call at a time. With a real model the
latency is the API's (a few seconds for one evaluation); the stub's is fixed so only the concurrency varies.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime
from functools import partial

from cx.concurrency import bounded
from cx.demo.generator import generate
from cx.scoring.claude.adapter import ClaudeScorer
from cxlocal.anthropic_stub import AnthropicStub, quoting


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=1.0, help="seconds the stub takes to answer one call")
    parser.add_argument("--conversations", type=int, default=48)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", default="1,4,8,16")
    args = parser.parse_args()
    conversations = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=7, seed=3).conversations
    conversations = conversations[: args.conversations]
    now = datetime(2026, 12, 1, tzinfo=UTC)
    rates: dict[int, float] = {}
    with AnthropicStub() as stub:
        stub.responder = quoting(args.latency)
        for workers in (int(w) for w in args.workers.split(",")):
            runs = []
            for _ in range(args.runs):
                scorer = ClaudeScorer(model="claude-haiku-4-5", api_key="k", base_url=stub.base_url)
                started = time.monotonic()
                out = bounded(conversations, partial(scorer.score, now=now), workers)
                elapsed = time.monotonic() - started
                assert not any(isinstance(o, BaseException) for o in out), [
                    o for o in out if isinstance(o, BaseException)
                ]
                runs.append(len(conversations) / elapsed)
            rates[workers] = statistics.median(runs)
            print(
                f"concurrency {workers:>3}: {rates[workers]:6.2f} conversations/s "
                f"(ideal {workers / args.latency:6.2f}), {rates[workers] / rates[min(rates)]:.1f}x one at a time"
            )


if __name__ == "__main__":
    main()
