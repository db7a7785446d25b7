"""Aggregate items per conversation by key family, for the demo load: where a bulk load's writes go.

    .venv/bin/python bench/key_families.py [--days 90]

Scores the demo with the offline scorer and plans one fold of it in memory (no DynamoDB): each distinct
key is one item a bulk load writes. Families are the key's pk with its values taken out.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from datetime import UTC, datetime

from cx.aggregation.contribution import Applied
from cx.aggregation.fold import plan_fold
from cx.aggregation.keys import case_key
from cx.demo.generator import generate
from cx.scoring.offline import OfflineScorer

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def family(pk: str, sk: str) -> str:
    shape = re.sub(r"=[^|]*", "=…", pk)
    shape = re.sub(r"\|\d{4}-\d{2}-\d{2}$", "|<week>", shape)
    kind = "case" if sk == "case" else "day" if DAY.fullmatch(sk) else "row"
    return f"{shape} / {kind}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=90)
    args = parser.parse_args()
    conversations = generate(end=NOW.date(), days=args.days, seed=7).conversations
    scorer = OfflineScorer()
    applied = [Applied.of(c, scorer.score(c, NOW), UTC) for c in conversations]
    plan = plan_fold(applied, {}, {})
    keys = set(plan.increments) | {case_key(c) for c in plan.cases}
    families = Counter(family(pk, sk) for pk, sk in keys)
    n = len(conversations)
    print(f"{n} conversations, {len(plan.ledger)} ledger entries, {len(keys)} aggregate items")
    print(f"  {'family':<44} {'items':>7} {'per conv':>9}")
    for name, count in families.most_common():
        print(f"  {name:<44} {count:>7} {count / n:>9.2f}")
    print(f"  {'ledger (conv=…)':<44} {len(plan.ledger):>7} {len(plan.ledger) / n:>9.2f}")
    print(f"  {'total':<44} {len(keys) + len(plan.ledger):>7} {(len(keys) + len(plan.ledger)) / n:>9.2f}")


if __name__ == "__main__":
    main()
