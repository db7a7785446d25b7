"""Aggregate items as the fold would leave them for N conversations, written straight into DynamoDB.

Scoring a million conversations is not what is being measured: the reports read only aggregate items,
so the benchmark writes those directly. Every day item of every journey and slice (channel, team,
agent) is written for the whole span, with counters that scale with N; the per-day case indexes are
written in full for the journey and days the timed reports read (the benchmark journey, the range),
where their size grows with N.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any

from cx.aggregation.keys import case_row_key, journey_dim_key, journey_key

JOURNEYS = ("billing", "orders", "returns", "account", "login", "delivery", "refunds", "technical")
CHANNELS = ("chat", "email", "voice")
TEAMS = ("billing-payments", "orders-delivery", "accounts", "tech-support")
AGENTS = tuple(f"U0AGENT{n:02d}" for n in range(1, 31))
OUTCOMES = ("resolved", "unresolved", "escalated", "abandoned")
CONTACTS_PER_CASE = 1.33


def _counters(rng: random.Random, evaluations: int) -> dict[str, int]:
    hist = [0] * 5
    for _ in range(min(evaluations, 200)):  # shape from a sample, scaled: fast for a million
        hist[min(4, max(0, int(rng.gauss(3.3, 1.1)) - 1))] += 1
    scale = evaluations / max(1, sum(hist))
    hist = [round(h * scale) for h in hist]
    evaluations = sum(hist)
    cases = max(1, round(evaluations / CONTACTS_PER_CASE)) if evaluations else 0
    split = [round(cases * s) for s in (0.6, 0.25, 0.1)]
    out = {"evaluations": evaluations, "score_sum": sum((i + 1) * h for i, h in enumerate(hist)), "cases": cases}
    out.update({f"hist_{i + 1}": h for i, h in enumerate(hist) if h})
    out.update({f"outcome_{o}": n for o, n in zip(OUTCOMES, [*split, cases - sum(split)], strict=True) if n > 0})
    return out


def _item(pk: str, sk: str, counts: dict[str, int]) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"S": sk}, **{k: {"N": str(v)} for k, v in counts.items() if v}}


def day_items(conversations: int, end: date, days: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    per_journey_day = conversations / len(JOURNEYS) / days
    for offset in range(days):
        day = end - timedelta(days=offset)
        for journey in JOURNEYS:
            n = max(0, round(rng.gauss(per_journey_day, per_journey_day * 0.1)))
            yield _item(*journey_key(journey, day), _counters(rng, n))
            for dimension, values in (("channel", CHANNELS), ("team", TEAMS), ("agent", AGENTS)):
                for value in values:
                    yield _item(*journey_dim_key(journey, dimension, value, day), _counters(rng, n // len(values)))


def case_rows(conversations: int, journey: str, end: date, days: int, span: int, seed: int) -> Iterator[dict[str, Any]]:
    """One row per case of ``journey`` opened in the last ``days`` days (of ``span`` days of data)."""
    rng = random.Random(seed + 1)
    cases_per_day = round(conversations / len(JOURNEYS) / span / CONTACTS_PER_CASE)
    for offset in range(days):
        day = end - timedelta(days=offset)
        for n in range(cases_per_day):
            contacts = rng.choice((1, 1, 1, 2, 2, 3))
            scores = [min(5, max(1, round(rng.gauss(3.3, 1.1)))) for _ in range(contacts)]
            counts = {
                "cases": 1,
                f"outcome_{rng.choice(OUTCOMES)}": 1,
                "evaluations": contacts,
                "score_sum": sum(scores),
            }
            for s in scores:
                counts[f"hist_{s}"] = counts.get(f"hist_{s}", 0) + 1
            yield _item(*case_row_key(journey, day, f"case-{day:%m%d}-{n:06d}", sum(scores) / contacts), counts)


def write(client: Any, table: str, items: Iterator[dict[str, Any]], threads: int = 4) -> int:
    """Batch-write items (25 a request, a few requests in flight); returns how many were written."""
    batches: list[list[dict[str, Any]]] = [[]]
    for item in items:
        if len(batches[-1]) == 25:
            batches.append([])
        batches[-1].append(item)

    def put(batch: list[dict[str, Any]]) -> int:
        pending: Any = {table: [{"PutRequest": {"Item": i}} for i in batch]}
        while pending:
            pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or None
        return len(batch)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return sum(pool.map(put, [b for b in batches if b]))
