"""Should `/cx why`'s interval be computed per case? Conversations of one case share a customer and a problem,
so their scores are not independent. This compares, on the ground-truth scenarios, the verdict from Welch's
interval on conversations with the verdict from a cluster-robust interval on cases (what `/cx why` uses since
``cx.explain.clusters``; computed here independently, from the raw conversations)
(variance of the mean: sum over cases of (case score sum - n_case * mean)² / N² · C/(C-1)), and reports how
often they disagree and how much wider the case interval is.

    .venv/bin/python bench/why_clusters.py [seeds]     (default 20)
"""

from __future__ import annotations

import math
import statistics
import sys
from collections import defaultdict

from cx.demo.generator import generate
from cx.demo.scenarios import SCENARIOS
from cx.demo.why_truth import END, NOW, period
from cx.explain.significance import mean_difference
from cx.scoring.offline import OfflineScorer


def _side(scores: dict[str, list[int]]) -> tuple[float, float, list[int]]:
    """(mean, cluster-robust variance of the mean, all scores) of one period's cases."""
    flat = [s for v in scores.values() for s in v]
    n, c = len(flat), len(scores)
    mean = sum(flat) / n
    var = sum((sum(v) - len(v) * mean) ** 2 for v in scores.values()) / n**2 * c / (c - 1)
    return mean, var, flat


def compare(scenario: str, seed: int) -> tuple[bool, bool, float]:
    """(Welch verdict real, cluster verdict real, ratio of the interval widths) for the scenario's scope."""
    plan, when = SCENARIOS[scenario], period()
    scorer = OfflineScorer()
    sides: list[dict[str, list[int]]] = [defaultdict(list), defaultdict(list)]
    for c in generate(END, seed=seed, scenario=scenario).conversations:
        day = (c.case_opened_at or c.started_at or NOW).date()
        if plan.scope not in ("all", c.journey) or not c.case_outcome:
            continue
        side = 1 if when.start <= day <= when.end else 0 if when.previous().start <= day <= when.previous().end else -1
        if side >= 0:
            sides[side][c.case_ref].append(scorer.score(c, NOW).cx_score)
    (m0, v0, flat0), (m1, v1, flat1) = _side(sides[0]), _side(sides[1])
    hist = [[flat.count(k) for k in range(1, 6)] for flat in (flat0, flat1)]
    welch = mean_difference(hist[0], hist[1])
    half = 1.96 * math.sqrt(v0 + v1)
    return welch.excludes_zero, abs(m1 - m0) > half, half / ((welch.high - welch.low) / 2)


def main(seeds: int) -> None:
    print(f"{'scenario':<20} {'runs':>4} {'welch real':>10} {'case real':>10} {'disagree':>9} {'width ratio':>12}")
    for name, scenario in SCENARIOS.items():
        if scenario.rescore_from_day is not None:
            continue
        rows = [compare(name, seed) for seed in range(1, seeds + 1)]
        disagree = sum(w != c for w, c, _ in rows)
        ratio = statistics.median(r for _, _, r in rows)
        print(
            f"{name:<20} {len(rows):>4} {sum(w for w, _, _ in rows):>10} {sum(c for _, c, _ in rows):>10} "
            f"{disagree:>9} {ratio:>12.2f}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
