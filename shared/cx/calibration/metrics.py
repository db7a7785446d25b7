"""Agreement metrics in plain Python (the Lambda layer carries no NumPy); cross-checked against scikit-learn/SciPy."""

from __future__ import annotations

import math
from collections.abc import Sequence

SCALE = (1, 2, 3, 4, 5)


def confusion_matrix(truth: Sequence[int], predicted: Sequence[int], scale: Sequence[int] = SCALE) -> list[list[int]]:
    """Rows are the human (consensus) score, columns the scorer's, both in ``scale`` order."""
    index = {value: i for i, value in enumerate(scale)}
    matrix = [[0] * len(scale) for _ in scale]
    for t, p in zip(truth, predicted, strict=True):
        matrix[index[t]][index[p]] += 1
    return matrix


def quadratic_weighted_kappa(truth: Sequence[int], predicted: Sequence[int], scale: Sequence[int] = SCALE) -> float:
    """Cohen's kappa with quadratic weights over ``scale``; NaN when chance agreement leaves nothing to explain."""
    matrix = confusion_matrix(truth, predicted, scale)
    n = sum(map(sum, matrix))
    k = len(scale)
    if n == 0 or k < 2:
        return math.nan
    rows = [sum(row) for row in matrix]
    cols = [sum(matrix[i][j] for i in range(k)) for j in range(k)]
    observed = expected = 0.0
    for i in range(k):
        for j in range(k):
            weight = (i - j) ** 2 / (k - 1) ** 2
            observed += weight * matrix[i][j] / n
            expected += weight * rows[i] * cols[j] / (n * n)
    return 1.0 - observed / expected if expected else math.nan


def exact_agreement(truth: Sequence[int], predicted: Sequence[int]) -> float:
    pairs = list(zip(truth, predicted, strict=True))
    return sum(t == p for t, p in pairs) / len(pairs) if pairs else math.nan


def within_one(truth: Sequence[int], predicted: Sequence[int]) -> float:
    pairs = list(zip(truth, predicted, strict=True))
    return sum(abs(t - p) <= 1 for t, p in pairs) / len(pairs) if pairs else math.nan


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties given their average rank (as scipy.stats.rankdata)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in range(start, end + 1):
            result[order[k]] = (start + end) / 2 + 1
        start = end + 1
    return result


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    if len(xs) != len(ys):
        raise ValueError("pearson needs two sequences of the same length")
    if len(xs) < 2:
        return math.nan
    mx, my = math.fsum(xs) / len(xs), math.fsum(ys) / len(ys)
    cov = math.fsum((a - mx) * (b - my) for a, b in zip(xs, ys, strict=True))
    var = math.fsum((a - mx) ** 2 for a in xs) * math.fsum((b - my) ** 2 for b in ys)
    return cov / math.sqrt(var) if var > 0 else math.nan


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rho: Pearson on average ranks; NaN when either side is constant."""
    return pearson(ranks(xs), ranks(ys))


def precision_recall_f1(truth: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float]:
    """For the positive class (here: a poor experience); 0.0 where the denominator is zero, as scikit-learn."""
    pairs = list(zip(truth, predicted, strict=True))
    tp = sum(t and p for t, p in pairs)
    fp = sum(p and not t for t, p in pairs)
    fn = sum(t and not p for t, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
