"""The fair comparison: scorer and one reviewer against the remaining reviewers; checked with SciPy/scikit-learn."""

from __future__ import annotations

import math
import random

import pytest
from scipy.stats import spearmanr
from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score, roc_auc_score

from cx.calibration.agreement import agreement, human_reference
from cx.calibration.consensus import ConsensusRule
from cx.calibration.fair import METRICS, Rated, fair_comparison, figures
from cx.calibration.policy import CalibrationPolicy
from cx.calibration.ranking import average_precision, roc_auc
from cx.calibration.relative import relative_verdicts


def _panel(n: int, reviewers: int, seed: int) -> list[tuple[float, tuple[int, ...]]]:
    """Conversations with a hidden quality and exchangeable noisy reviewers on the 1-5 scale."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        quality = rng.gauss(3.1, 0.6)
        ratings = tuple(max(1, min(5, round(quality + rng.gauss(0, 0.8)))) for _ in range(reviewers))
        out.append((quality, ratings))
    return out


def test_ranking_metrics_match_scikit_learn_with_ties() -> None:
    rng = random.Random(3)
    truth = [rng.random() < 0.2 for _ in range(400)]
    score = [float(rng.randint(1, 5)) + (0.5 if t else 0.0) * rng.random() for t in truth]

    assert roc_auc(truth, score) == pytest.approx(roc_auc_score(truth, score), abs=1e-12)
    assert average_precision(truth, score) == pytest.approx(average_precision_score(truth, score), abs=1e-12)
    assert math.isnan(roc_auc([False, False], [1.0, 2.0]))


def test_every_figure_of_one_draw_matches_scipy_and_scikit_learn() -> None:
    rng = random.Random(5)
    reference = [rng.choice([1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5]) for _ in range(300)]
    raw = [max(1.0, min(5.0, r + rng.gauss(0, 1))) for r in reference]
    score = [max(1, min(5, int(v + 0.5))) for v in raw]
    poor = [v < 3 for v in reference]

    got = dict(zip(METRICS, figures(raw, score, reference, 3.0), strict=True))

    assert got["spearman_raw"] == pytest.approx(spearmanr(raw, reference).statistic, abs=1e-12)
    assert got["spearman"] == pytest.approx(spearmanr(score, reference).statistic, abs=1e-12)
    assert got["auc_raw"] == pytest.approx(roc_auc_score(poor, [-v for v in raw]), abs=1e-12)
    assert got["auc"] == pytest.approx(roc_auc_score(poor, [-v for v in score]), abs=1e-12)
    assert got["ap_raw"] == pytest.approx(average_precision_score(poor, [-v for v in raw]), abs=1e-12)
    assert got["ap"] == pytest.approx(average_precision_score(poor, [-v for v in score]), abs=1e-12)
    flagged = [s < 3 for s in score]
    assert got["precision"] == pytest.approx(precision_score(poor, flagged))
    assert got["recall"] == pytest.approx(recall_score(poor, flagged))
    assert got["f1"] == pytest.approx(f1_score(poor, flagged))


def test_with_two_reviewers_each_side_is_compared_with_the_other_reviewer() -> None:
    items = [Rated(float(a), a, (a, b)) for a, b in [(1, 2), (2, 2), (3, 4), (4, 4), (5, 4), (2, 1)]]

    fair = fair_comparison(items, 3.0, draws=50, resamples=20)

    assert fair is not None and fair.n == 6
    # the scorer always says reviewer A's rating: on draws holding out A it is compared with B, on
    # draws holding out B with A itself; one reviewer is always compared with the other one
    assert fair.reviewer["exact"].mean == pytest.approx(2 / 6)  # (2,2) and (4,4)
    assert 2 / 6 < fair.scorer["exact"].mean < 1.0


def test_a_scorer_that_rates_like_one_more_reviewer_measures_as_one_reviewer_not_better() -> None:
    panel = _panel(600, 4, seed=11)  # the fourth reviewer is the "scorer": the others never see it
    items = [Rated(float(r[3]), r[3], r[:3]) for _, r in panel]

    fair = fair_comparison(items, 3.0, draws=40, resamples=60)

    assert fair is not None
    diff = fair.difference["spearman_raw"]
    assert abs(diff.mean) < 0.06 and diff.low < 0 < diff.high
    # the old comparison (scorer vs the mean of all reviewers, reviewer vs the others) flatters the copy
    reference = [sum(r[:3]) / 3 for _, r in panel]
    old = agreement([r[3] for _, r in panel], reference, 3.0)
    human = human_reference([r[:3] for _, r in panel], ConsensusRule.MEAN, 3.0)
    assert human is not None and old.spearman > human.spearman + 0.03


def test_a_better_scorer_is_at_least_as_good_with_an_interval_and_the_draws_are_seeded() -> None:
    panel = _panel(500, 4, seed=2)
    items = [Rated(q, max(1, min(5, round(q))), r) for q, r in panel]  # knows the hidden quality

    fair = fair_comparison(items, 3.0, draws=30, resamples=60, seed=7)
    again = fair_comparison(items, 3.0, draws=30, resamples=60, seed=7)
    other = fair_comparison(items, 3.0, draws=30, resamples=60, seed=8)

    assert fair == again and fair != other
    assert fair is not None
    verdicts = {v.metric: v for v in relative_verdicts(fair, CalibrationPolicy())}
    assert verdicts["spearman_raw"].passed and verdicts["spearman_raw"].difference.low > 0
    assert verdicts["spearman_raw"].certainty.startswith("better")
    est = fair.scorer["spearman_raw"]
    assert est.low <= est.mean <= est.high


def test_no_fair_comparison_without_two_reviewers() -> None:
    assert fair_comparison([Rated(3.0, 3, (3,)), Rated(2.0, 2, (2,))], 3.0) is None
