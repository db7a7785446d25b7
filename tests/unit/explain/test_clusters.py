"""The design effect of a period's cases, and the per-case interval it gives `/cx why`'s verdict."""

from __future__ import annotations

import math
import random

import pytest

from cx.explain.clusters import Case, design_effect
from cx.explain.significance import REAL_DROP, WITHIN_NOISE, assess, mean_difference
from cx.reports.figures import Figures


def cases(scores: list[list[int]]) -> list[Case]:
    return [(len(s), sum(s), sum(x * x for x in s)) for s in scores]


def cluster_variance(scores: list[list[int]]) -> float:
    """The cluster-robust variance of the mean, written out on the raw scores (as bench/why_clusters.py does)."""
    flat = [x for s in scores for x in s]
    n, c, mean = len(flat), len(scores), sum(flat) / len(flat)
    return sum((sum(s) - len(s) * mean) ** 2 for s in scores) / n**2 * c / (c - 1)


def test_single_contact_cases_keep_welchs_interval() -> None:
    rng = random.Random(1)
    assert design_effect(cases([[rng.randint(1, 5)] for _ in range(200)])) == pytest.approx(1.0, abs=0.02)


def test_contacts_of_a_case_that_score_alike_widen_the_interval_by_the_cluster_robust_variance() -> None:
    rng = random.Random(2)
    scores = [[base] * 3 for base in (rng.randint(1, 5) for _ in range(100))]  # three identical contacts a case
    flat = [x for s in scores for x in s]
    mean = sum(flat) / len(flat)
    iid = sum((x - mean) ** 2 for x in flat) / (len(flat) - 1) / len(flat)

    effect = design_effect(cases(scores))

    assert effect == pytest.approx(cluster_variance(scores) / iid)
    assert 2.5 < effect < 3.1  # about the case size: three contacts tell little more than one


def test_the_per_case_interval_can_turn_a_real_drop_into_noise() -> None:
    before = Figures.of(
        {"evaluations": 300, "score_sum": 300 * 3.6, "hist_2": 60, "hist_3": 60, "hist_4": 120, "hist_5": 60}
    )
    after = Figures.of(
        {"evaluations": 300, "score_sum": 300 * 3.35, "hist_2": 90, "hist_3": 60, "hist_4": 105, "hist_5": 45}
    )
    welch = assess(before, after, 4)
    clustered = assess(before, after, 4, design=(3.0, 3.0))

    assert welch.verdict == REAL_DROP and clustered.verdict == WITHIN_NOISE
    assert clustered.score is not None and welch.score is not None
    width = (clustered.score.high - clustered.score.low) / (welch.score.high - welch.score.low)
    assert width == pytest.approx(math.sqrt(3.0), rel=0.02)
    plain = mean_difference(before.histogram, after.histogram)
    assert (plain.low, plain.high) == (welch.score.low, welch.score.high)
