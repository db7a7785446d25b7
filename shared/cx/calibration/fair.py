"""The scorer and one reviewer measured on the same footing, with seeded draws and bootstrap intervals.

Per draw, one reviewer of each conversation is held out; the reference is the consensus of the
*remaining* reviewers, and both the held-out reviewer and the scorer are compared with it. The point
figure is the mean over ``draws`` draws on all conversations; the 95% interval is the 2.5-97.5
percentile over ``resamples`` bootstrap replicates, each a resample of conversations with a fresh draw.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from cx.calibration.consensus import ConsensusRule, as_category, consensus
from cx.calibration.metrics import precision_recall_f1, spearman
from cx.calibration.ranking import average_precision, roc_auc

# Ranking (does a lower value mean a worse experience?) on the raw value and on the published integer.
RANKING = ("spearman_raw", "spearman", "auc_raw", "auc", "ap_raw", "ap")
# Calibration of the published integer: is it on the reviewers' scale, does the cut-off find the poor ones?
CALIBRATION = ("bias", "exact", "within_one", "precision", "recall", "f1")
METRICS = RANKING + CALIBRATION


@dataclass(frozen=True)
class Rated:
    """One labelled conversation: the scorer's value before rounding, its published score, the ratings."""

    raw: float
    score: int
    ratings: tuple[int, ...]


@dataclass(frozen=True)
class Estimate:
    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class FairComparison:
    n: int
    draws: int
    resamples: int
    seed: int
    poor_share: float  # share of conversations whose full consensus is poor
    scorer: dict[str, Estimate]
    reviewer: dict[str, Estimate]
    difference: dict[str, Estimate]  # scorer minus reviewer, paired on the same draw and resample


def figures(raw: Sequence[float], score: Sequence[int], reference: Sequence[float], poor_below: float) -> list[float]:
    """Every metric of METRICS, in order, for one side against one reference."""
    poor = [v < poor_below for v in reference]
    badness_raw = [-v for v in raw]
    badness = [-float(v) for v in score]
    truth = [as_category(v) for v in reference]
    n = len(score)
    precision, recall, f1 = precision_recall_f1(poor, [s < poor_below for s in score])
    return [
        spearman(list(raw), list(reference)),
        spearman([float(s) for s in score], list(reference)),
        roc_auc(poor, badness_raw),
        roc_auc(poor, badness),
        average_precision(poor, badness_raw),
        average_precision(poor, badness),
        (math.fsum(score) - math.fsum(reference)) / n,
        sum(t == s for t, s in zip(truth, score, strict=True)) / n,
        sum(abs(t - s) <= 1 for t, s in zip(truth, score, strict=True)) / n,
        precision,
        recall,
        f1,
    ]


def fair_comparison(
    items: Sequence[Rated],
    poor_below: float,
    rule: ConsensusRule = ConsensusRule.MEAN,
    draws: int = 100,
    resamples: int = 200,
    seed: int = 14,
) -> FairComparison | None:
    """None when fewer than two conversations have two or more ratings (no reviewer to hold out)."""
    kept = [item for item in items if len(item.ratings) >= 2]
    if len(kept) < 2:
        return None
    options = [
        [(r, consensus([*item.ratings[:i], *item.ratings[i + 1 :]], rule)) for i, r in enumerate(item.ratings)]
        for item in kept
    ]
    rng = random.Random(seed)
    everyone = list(range(len(kept)))
    point = [_draw(kept, options, everyone, rng, poor_below) for _ in range(draws)]
    boot = [_draw(kept, options, rng.choices(everyone, k=len(kept)), rng, poor_below) for _ in range(resamples)]
    share = sum(consensus(item.ratings, rule) < poor_below for item in kept) / len(kept)
    sides = {}
    for side in range(3):
        sides[side] = {
            name: Estimate(_mean([p[side][m] for p in point]), *_interval([b[side][m] for b in boot]))
            for m, name in enumerate(METRICS)
        }
    return FairComparison(len(kept), draws, resamples, seed, share, sides[0], sides[1], sides[2])


def _draw(
    kept: Sequence[Rated],
    options: Sequence[Sequence[tuple[int, float]]],
    chosen: Sequence[int],
    rng: random.Random,
    poor_below: float,
) -> tuple[list[float], list[float], list[float]]:
    picks = [rng.choice(options[i]) for i in chosen]
    reference = [ref for _, ref in picks]
    held = [r for r, _ in picks]
    scorer = figures([kept[i].raw for i in chosen], [kept[i].score for i in chosen], reference, poor_below)
    reviewer = figures([float(r) for r in held], held, reference, poor_below)
    return scorer, reviewer, [s - r for s, r in zip(scorer, reviewer, strict=True)]


def _mean(values: Sequence[float]) -> float:
    finite = [v for v in values if not math.isnan(v)]
    return math.fsum(finite) / len(finite) if finite else math.nan


def _interval(values: Sequence[float]) -> tuple[float, float]:
    finite = sorted(v for v in values if not math.isnan(v))
    if not finite:
        return math.nan, math.nan
    return _percentile(finite, 0.025), _percentile(finite, 0.975)


def _percentile(ordered: Sequence[float], q: float) -> float:
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
