"""One set of agreement figures between ratings and a human consensus, and the human reference for it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cx.calibration.consensus import ConsensusRule, as_category, consensus
from cx.calibration.metrics import (
    confusion_matrix,
    exact_agreement,
    precision_recall_f1,
    quadratic_weighted_kappa,
    spearman,
    within_one,
)


@dataclass(frozen=True)
class Agreement:
    n: int
    kappa: float
    exact: float
    within_one: float
    spearman: float
    precision: float
    recall: float
    f1: float
    bias: float  # mean rating minus mean consensus: > 0 rates kinder than the humans
    confusion: list[list[int]]

    def metric(self, name: str) -> float:
        value = getattr(self, name)
        assert isinstance(value, float)
        return value


def agreement(ratings: Sequence[int], reference: Sequence[float], poor_below: float) -> Agreement:
    """``ratings`` (a scorer's or one reviewer's, 1-5) against ``reference`` (consensus values).

    A poor experience is a consensus below ``poor_below``; a rating flags one when it is below it too.
    """
    if len(ratings) != len(reference):
        raise ValueError("ratings and reference differ in length")
    truth = [as_category(v) for v in reference]
    precision, recall, f1 = precision_recall_f1([v < poor_below for v in reference], [r < poor_below for r in ratings])
    n = len(ratings)
    return Agreement(
        n=n,
        kappa=quadratic_weighted_kappa(truth, ratings),
        exact=exact_agreement(truth, ratings),
        within_one=within_one(truth, ratings),
        spearman=spearman([float(r) for r in ratings], list(reference)),
        precision=precision,
        recall=recall,
        f1=f1,
        bias=(sum(ratings) - math.fsum(reference)) / n if n else math.nan,
        confusion=confusion_matrix(truth, ratings),
    )


def human_reference(groups: Sequence[Sequence[int]], rule: ConsensusRule, poor_below: float) -> Agreement | None:
    """One reviewer against the consensus of the others, pooled over every reviewer of every conversation
    rated by two or more; None when no conversation has two ratings."""
    ratings: list[int] = []
    others: list[float] = []
    for scores in groups:
        if len(scores) < 2:
            continue
        for i, score in enumerate(scores):
            ratings.append(score)
            others.append(consensus([*scores[:i], *scores[i + 1 :]], rule))
    return agreement(ratings, others, poor_below) if ratings else None
