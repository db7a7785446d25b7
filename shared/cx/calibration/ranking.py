"""Ranking metrics for poor experiences in plain Python, as scikit-learn computes them (ties included)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from cx.calibration.metrics import ranks


def roc_auc(truth: Sequence[bool], score: Sequence[float]) -> float:
    """Area under the ROC curve, ``score`` higher meaning more likely positive; ties count a half.

    The Mann-Whitney statistic on average ranks; NaN when only one class is present.
    """
    if len(truth) != len(score):
        raise ValueError("truth and score differ in length")
    positives = sum(truth)
    negatives = len(truth) - positives
    if not positives or not negatives:
        return math.nan
    rank_sum = math.fsum(r for r, t in zip(ranks(score), truth, strict=True) if t)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def average_precision(truth: Sequence[bool], score: Sequence[float]) -> float:
    """Average precision: the precision at each distinct threshold, weighed by the recall it adds.

    As ``sklearn.metrics.average_precision_score``: tied scores form one threshold. NaN without positives.
    """
    if len(truth) != len(score):
        raise ValueError("truth and score differ in length")
    positives = sum(truth)
    if not positives:
        return math.nan
    order = sorted(range(len(score)), key=lambda i: -score[i])
    total = tp = fp = 0.0
    last_recall = 0.0
    k = 0
    while k < len(order):
        value = score[order[k]]
        while k < len(order) and score[order[k]] == value:
            if truth[order[k]]:
                tp += 1
            else:
                fp += 1
            k += 1
        recall = tp / positives
        total += (recall - last_recall) * tp / (tp + fp)
        last_recall = recall
    return total
