"""Our plain-Python metrics give the same numbers as scikit-learn and SciPy on the same inputs."""

from __future__ import annotations

import math
import random

import pytest
from scipy.stats import spearmanr
from sklearn.metrics import cohen_kappa_score, f1_score, precision_score, recall_score
from sklearn.metrics import confusion_matrix as sk_confusion

from cx.calibration.metrics import (
    confusion_matrix,
    exact_agreement,
    precision_recall_f1,
    quadratic_weighted_kappa,
    spearman,
    within_one,
)
from cx.calibration.stats import PSI_FLOOR, chi_square_homogeneity, psi


def _pairs(seed: int, n: int) -> tuple[list[int], list[int]]:
    rng = random.Random(seed)
    truth = [rng.choice([1, 2, 3, 3, 3, 4, 4, 5]) for _ in range(n)]
    predicted = [max(1, min(5, t + rng.choice([-2, -1, 0, 0, 0, 1, 1]))) for t in truth]
    return truth, predicted


CASES = [_pairs(seed, n) for seed, n in [(1, 10), (2, 57), (3, 400), (4, 1000)]] + [
    ([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]),
    ([3, 3, 3, 4], [3, 4, 3, 3]),
    ([1, 1, 5, 5], [1, 1, 5, 5]),
]


@pytest.mark.parametrize(("truth", "predicted"), CASES)
def test_kappa_confusion_and_agreement_match_scikit_learn(truth: list[int], predicted: list[int]) -> None:
    labels = [1, 2, 3, 4, 5]

    assert quadratic_weighted_kappa(truth, predicted) == pytest.approx(
        cohen_kappa_score(truth, predicted, weights="quadratic", labels=labels), abs=1e-12
    )
    assert confusion_matrix(truth, predicted) == sk_confusion(truth, predicted, labels=labels).tolist()
    assert exact_agreement(truth, predicted) == pytest.approx(
        sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth)
    )
    assert within_one(truth, predicted) == pytest.approx(
        sum(abs(t - p) <= 1 for t, p in zip(truth, predicted, strict=True)) / len(truth)
    )


@pytest.mark.parametrize(("truth", "predicted"), CASES)
def test_poor_experience_precision_recall_f1_match_scikit_learn(truth: list[int], predicted: list[int]) -> None:
    poor_truth = [t < 3 for t in truth]
    poor_predicted = [p < 3 for p in predicted]

    ours = precision_recall_f1(poor_truth, poor_predicted)

    expected = (
        precision_score(poor_truth, poor_predicted, zero_division=0),
        recall_score(poor_truth, poor_predicted, zero_division=0),
        f1_score(poor_truth, poor_predicted, zero_division=0),
    )
    assert ours == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("truth", "predicted"), CASES)
def test_spearman_matches_scipy_with_ties_and_continuous_values(truth: list[int], predicted: list[int]) -> None:
    rng = random.Random(len(truth))
    means = [t + rng.choice([-0.5, -1 / 3, 0.0, 0.25]) for t in truth]  # consensus means, ties and all

    assert spearman(predicted, means) == pytest.approx(spearmanr(predicted, means).statistic, abs=1e-12)


def test_undefined_figures_are_nan_not_a_number_that_looks_real() -> None:
    assert math.isnan(spearman([3, 3, 3], [1, 2, 3]))
    assert math.isnan(quadratic_weighted_kappa([3, 3], [3, 3]))
    assert precision_recall_f1([False, False], [False, False]) == (0.0, 0.0, 0.0)


HISTOGRAMS = [
    ([10, 20, 40, 20, 10], [12, 18, 41, 19, 10]),
    ([10, 20, 40, 20, 10], [30, 30, 20, 10, 10]),
    ([0, 5, 50, 30, 15], [3, 9, 48, 25, 15]),
    ([0, 0, 7, 3, 0], [0, 0, 2, 8, 0]),
    ([400, 900, 3000, 1500, 200], [500, 1000, 2800, 1400, 300]),
]


@pytest.mark.parametrize(("baseline", "current"), HISTOGRAMS)
def test_chi_square_homogeneity_matches_scipy(baseline: list[int], current: list[int]) -> None:
    from scipy.stats import chi2_contingency

    kept = [(b, c) for b, c in zip(baseline, current, strict=True) if b or c]
    expected = chi2_contingency([[b for b, _ in kept], [c for _, c in kept]], correction=False)

    statistic, dof, p_value = chi_square_homogeneity(baseline, current)

    assert statistic == pytest.approx(expected.statistic, rel=1e-12)
    assert dof == expected.dof
    assert p_value == pytest.approx(expected.pvalue, rel=1e-9, abs=1e-300)


@pytest.mark.parametrize(("baseline", "current"), HISTOGRAMS)
def test_psi_matches_its_definition_computed_with_numpy(baseline: list[int], current: list[int]) -> None:
    import numpy as np

    p = np.maximum(np.array(baseline) / sum(baseline), PSI_FLOOR)
    q = np.maximum(np.array(current) / sum(current), PSI_FLOOR)

    assert psi(baseline, current) == pytest.approx(float(np.sum((q - p) * np.log(q / p))), rel=1e-12)
    assert psi(baseline, baseline) == 0.0
