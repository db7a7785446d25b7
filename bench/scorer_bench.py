"""Offline scorers' speed beside plain VADER over the same messages, in one run: conversations a second.

    .venv/bin/python bench/scorer_bench.py [--data ../shared/data/uss-sgd.jsonl] [--runs 5]

Plain VADER is one ``polarity_scores`` call per message (customer and agent), nothing else: the floor
any VADER-based scorer stands on. Each figure is the median of ``--runs`` passes over every conversation,
on one core (the process is pinned when the OS allows). Without the shared data, demo conversations.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cx.calibration.label_files import load_labels
from cx.domain.conversation import Conversation
from cx.scoring.offline import OfflineScorer
from cx.scoring.offline2.scorer import OfflineScorerV2

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "uss-sgd.jsonl"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def conversations(path: Path) -> list[Conversation]:
    if path.is_file():
        return load_labels(path).conversations
    from cx.demo.generator import generate

    return list(generate(end=date(2026, 11, 30), days=30, seed=7, tz=UTC).conversations)


def rate(work: Callable[[Sequence[Conversation]], object], items: Sequence[Conversation], runs: int) -> float:
    work(items[:50])  # warm: lexicons loaded, regexes compiled
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        work(items)
        seconds.append(time.perf_counter() - started)
    return len(items) / statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    items = conversations(args.data)
    vader = SentimentIntensityAnalyzer()

    def plain(batch: Sequence[Conversation]) -> None:
        for c in batch:
            for m in c.messages:
                vader.polarity_scores(m.text)

    v1, v2 = OfflineScorer(), OfflineScorerV2()
    rates = {
        "plain VADER, each message once": rate(plain, items, args.runs),
        "offline-v1 (score)": rate(lambda b: [v1.score(c, NOW) for c in b], items, args.runs),
        "offline-v2 (score)": rate(lambda b: [v2.score(c, NOW) for c in b], items, args.runs),
    }
    base = rates["plain VADER, each message once"]
    messages = sum(len(c.messages) for c in items)
    print(f"{len(items)} conversations, {messages} messages, median of {args.runs} runs, one core")
    for name, value in rates.items():
        print(f"  {name:<32} {value:8.0f} conv/s   {value / base:5.2f} x plain VADER")


if __name__ == "__main__":
    main()
