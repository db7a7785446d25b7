"""Offline scorers' speed beside plain VADER over the same messages, in one run: conversations a second.

    .venv/bin/python bench/scorer_bench.py [--data ../shared/data/uss-sgd.jsonl] [--runs 5]

Plain VADER is one ``polarity_scores`` call per message (customer and agent), nothing else: what any
scorer that reads each message with VADER costs at least. Each round times one pass of plain VADER and
one of each scorer over every conversation, back to back, on one core (the process is pinned when the OS
allows); a scorer's ratio is the median over rounds of its rate over plain VADER's in the same round, so
a machine that other work slows down slows both sides of a ratio alike. Rates are medians over rounds.
Without the shared data, demo conversations.
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
from cx.scoring.offline3.scorer import OfflineScorerV3

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "uss-sgd.jsonl"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def conversations(path: Path) -> list[Conversation]:
    if path.is_file():
        return load_labels(path).conversations
    from cx.demo.generator import generate

    return list(generate(end=date(2026, 11, 30), days=30, seed=7, tz=UTC).conversations)


def seconds(work: Callable[[Sequence[Conversation]], object], items: Sequence[Conversation]) -> float:
    started = time.perf_counter()
    work(items)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--runs", type=int, default=5, help="rounds")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    items = conversations(args.data)
    vader = SentimentIntensityAnalyzer()

    def plain(batch: Sequence[Conversation]) -> None:
        for c in batch:
            for m in c.messages:
                vader.polarity_scores(m.text)

    v1, v2, v3 = OfflineScorer(), OfflineScorerV2(), OfflineScorerV3()
    work: dict[str, Callable[[Sequence[Conversation]], object]] = {
        "plain VADER, each message once": plain,
        "offline-v1 (score)": lambda b: [v1.score(c, NOW) for c in b],
        "offline-v2 (score)": lambda b: [v2.score(c, NOW) for c in b],
        "offline-v3 (score)": lambda b: [v3.score(c, NOW) for c in b],
    }
    for run in work.values():
        run(items[:50])  # warm: lexicons loaded, regexes compiled
    timed: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(args.runs):
        for name, run in work.items():
            timed[name].append(seconds(run, items))
    base = timed["plain VADER, each message once"]
    messages = sum(len(c.messages) for c in items)
    print(f"{len(items)} conversations, {messages} messages, {args.runs} rounds, one core")
    for name, times in timed.items():
        rate = len(items) / statistics.median(times)
        ratio = statistics.median(b / t for b, t in zip(base, times, strict=True))
        print(f"  {name:<32} {rate:8.0f} conv/s   {ratio:5.2f} x plain VADER (median ratio per round)")


if __name__ == "__main__":
    main()
