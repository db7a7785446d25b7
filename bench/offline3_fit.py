"""Fitting offline-v3's weights (bench/heldout.py): ridge regression of the mean rating on the turn features.

Every choice is made on the conversations given, never on a held-out service: the penalty is chosen by
leave-one-service-out *within* them (Spearman of the inner held-out predictions), then the ridge is fitted
on all of them and stretched so that the share of their poor experiences falls below 2.5.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.stats import spearmanr
from sklearn.linear_model import Ridge

from cx.scoring.offline3.turns import FEATURES
from cx.scoring.offline3.weights import Weights

PENALTIES = (10.0, 30.0, 100.0, 300.0, 1000.0)  # ridge alpha on standardised features
POOR_BELOW = 3.0


def _ridge(rows: np.ndarray, target: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray, Ridge]:
    centre, spread = rows.mean(axis=0), rows.std(axis=0)
    spread = np.where(spread > 0, spread, 1.0)
    model = Ridge(alpha=alpha).fit((rows - centre) / spread, target)
    return centre, spread, model


def _predict(fitted: tuple[np.ndarray, np.ndarray, Ridge], rows: np.ndarray) -> np.ndarray:
    centre, spread, model = fitted
    return np.asarray(model.predict((rows - centre) / spread))


def choose_penalty(rows: np.ndarray, target: np.ndarray, groups: Sequence[str]) -> float:
    """The penalty whose leave-one-service-out predictions, within these conversations, rank best."""
    labels = np.array(groups)
    best: tuple[float, float] | None = None
    for alpha in PENALTIES:
        predicted = np.zeros(len(target))
        for held in sorted(set(groups)):
            train = labels != held
            predicted[~train] = _predict(_ridge(rows[train], target[train], alpha), rows[~train])
        rho = float(spearmanr(predicted, target).statistic)
        if best is None or rho > best[0]:
            best = (rho, alpha)
    assert best is not None
    return best[1]


def fit(rows: np.ndarray, target: np.ndarray, groups: Sequence[str]) -> tuple[Weights, float]:
    """offline-v3's weights from these conversations (``rows`` in FEATURES order), and the penalty chosen."""
    alpha = choose_penalty(rows, target, groups)
    fitted = _ridge(rows, target, alpha)
    predicted = _predict(fitted, rows)
    mean = float(target.mean())
    poor_share = float(np.mean(target < POOR_BELOW))
    cut = float(np.quantile(predicted, poor_share)) if poor_share > 0 else mean - 1
    stretch = (2.5 - mean) / (cut - mean) if cut < mean else 1.0
    centre, spread, model = fitted
    coefficients = stretch * np.asarray(model.coef_) / spread
    weight = {name: round(float(c), 4) for name, c in zip(FEATURES, coefficients, strict=True)}
    middle = {name: round(float(c), 4) for name, c in zip(FEATURES, centre, strict=True)}
    return Weights(base=round(mean, 4), weight=weight, centre=middle), alpha
