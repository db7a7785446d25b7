"""A team's mapping: isotonic as scikit-learn fits it, cross-validated before/after, a scorer version of its own."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from sklearn.isotonic import IsotonicRegression

from cx.calibration.consensus import ConsensusRule
from cx.calibration.fair import Rated
from cx.calibration.mapping import CalibratedScorer, Mapping, fit_cut_points, fit_mapping
from cx.calibration.workspace_fit import workspace_fit
from cx.domain.conversation import Conversation
from cx.scoring.versions import offline_scorer


def test_the_fit_matches_scikit_learns_isotonic_regression() -> None:
    rng = random.Random(4)
    raw = [rng.uniform(1, 5) for _ in range(200)]
    target = [max(1.0, min(5.0, 1.5 + 0.5 * x + rng.gauss(0, 0.7))) for x in raw]

    mapping = fit_mapping(raw, target)
    reference = IsotonicRegression(y_min=1, y_max=5, out_of_bounds="clip").fit(raw, target)

    for x in [1.0, 1.7, 2.4, 3.1, 3.9, 4.6, 5.0, *raw[:20]]:
        assert mapping(x) == pytest.approx(float(reference.predict([x])[0]), abs=1e-9)
    assert Mapping.from_dict(mapping.as_dict()) == mapping


def test_cut_points_publish_poor_as_often_as_the_reviewers_report_it() -> None:
    rng = random.Random(6)
    raw = [rng.uniform(2.5, 5) for _ in range(100)]  # a kind scorer: never below 2.5
    target = [max(1.0, min(5.0, x - 1 + rng.gauss(0, 0.4))) for x in raw]

    mapping = fit_cut_points(raw, target, poor_below=3.0)

    published = [max(1, min(5, int(mapping(x) + 0.5))) for x in raw]
    assert sum(p < 3 for p in published) == pytest.approx(sum(t < 3 for t in target), abs=2)
    assert list(mapping.values) == sorted(mapping.values) and mapping(min(raw)) == 1.0 and mapping(max(raw)) == 5.0


def test_a_kind_scorer_fitted_to_strict_reviewers_loses_its_bias_and_finds_the_poor_ones() -> None:
    rng = random.Random(9)
    items = []
    for _ in range(80):  # reviewers rate a point lower than the scorer's raw value, in the same order
        quality = rng.uniform(1.5, 4.5)
        ratings = tuple(max(1, min(5, round(quality - 0.5 + rng.gauss(0, 0.5)))) for _ in range(3))
        raw = min(5.0, quality + 0.6)
        items.append(Rated(raw, max(1, min(5, int(raw + 0.5))), ratings))

    fit = workspace_fit(items, 3.0, ConsensusRule.MEAN, draws=20, resamples=40, seed=1)

    assert fit is not None and fit.labels == 80
    assert fit.before.scorer["bias"].mean > 0.6
    assert abs(fit.after.scorer["bias"].mean) < 0.25 and fit.after.scorer["bias"].low < 0.25
    assert fit.after.scorer["recall"].mean > fit.before.scorer["recall"].mean + 0.2
    assert workspace_fit(items[:10], 3.0, ConsensusRule.MEAN, 20, 40, 1) is None  # too few to say anything


def test_a_calibrated_scorer_is_a_version_of_its_own_built_from_plain_parameters() -> None:
    conversation = Conversation.model_validate(
        {"id": "c", "channel": "chat", "messages": [{"role": "customer", "text": "Thanks, that fixed it!"}]}
    )
    mapping = {"raws": [1.0, 5.0], "values": [1.0, 2.0], "labels": 60}
    scorer = offline_scorer("offline-v2", mapping=mapping)
    plain = offline_scorer("offline-v2")

    assert isinstance(scorer, CalibratedScorer)
    assert scorer.info.name == "offline-v2+cal" and scorer.info.version != plain.info.version
    now = datetime(2026, 12, 1, tzinfo=UTC)
    calibrated, uncalibrated = scorer.score(conversation, now), plain.score(conversation, now)
    assert calibrated.cx_score <= 2 < uncalibrated.cx_score
    assert calibrated.id != uncalibrated.id  # never mixed with the uncalibrated evaluations
    with pytest.raises(ValueError, match="ascending"):
        Mapping.from_dict({"raws": [2.0, 1.0], "values": [1.0, 2.0]})
