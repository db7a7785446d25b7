"""PII redaction before Claude: recall per promised kind and over-redaction of ids, on the test corpus.

    .venv/bin/python bench/redaction_bench.py

The corpus (tests/unit/scoring/claude/pii_corpus.py) holds turns from UK, US, DE, FR, NL, ES, IT, IN, JP and
AU formats, some split over two turns, and ids and ordinary text that must survive unchanged.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "unit" / "scoring" / "claude"))

from pii_corpus import NEGATIVES, POSITIVES, measure

from cx.scoring.claude.redact import redact_messages

# A 20-turn chat of ordinary support text with a card, a phone and an order number in each turn.
LONG = ["Hi, I was charged twice for order 4471 on 2026-11-23, refund card 4111 1111 1111 1111 or call 020 7946 0958."]
LONG *= 20


def per_conversation_ms(runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        redact_messages(LONG)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    recall, changed, missed = measure()
    hits = sum(h for h, _ in recall.values())
    print(f"{'kind':<8} {'caught':>6} {'cases':>5} {'recall':>7}")
    for kind, (hit, total) in sorted(recall.items()):
        print(f"{kind:<8} {hit:>6} {total:>5} {hit / total:>7.3f}")
    print(f"{'all':<8} {hits:>6} {len(POSITIVES):>5} {hits / len(POSITIVES):>7.3f}")
    print(f"over-redacted negatives: {len(changed)} of {len(NEGATIVES)}")
    for before, after in changed:
        print(f"  changed: {before!r} -> {after!r}")
    for kind, texts in missed:
        print(f"  missed {kind}: {texts!r}")
    print(f"time: {per_conversation_ms():.0f} ms (median) to redact a 20-turn, {sum(map(len, LONG))}-character chat")


if __name__ == "__main__":
    main()
