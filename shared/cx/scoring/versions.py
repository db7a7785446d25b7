"""Offline scorers built from plain parameters: a kind, its weights, and an optional calibration mapping.

So a stored scorer configuration (kind + version id + weights + mapping) builds the same scorer
anywhere: ``offline_scorer("offline-v2", weights={...}, mapping={...})``.
"""

from __future__ import annotations

from typing import Any

from cx.scoring.port import Scorer

OFFLINE_KINDS = ("offline", "offline-v2")


def offline_scorer(
    kind: str, version: str | None = None, weights: dict[str, Any] | None = None, mapping: dict[str, Any] | None = None
) -> Scorer:
    """``offline`` is rubric offline-v1 (fixed weights); ``offline-v2`` takes weights; a mapping calibrates either."""
    if kind == "offline":
        if weights:
            raise ValueError("the offline-v1 scorer takes no weights; use kind offline-v2")
        from cx.scoring.offline import OfflineScorer

        scorer: Scorer = OfflineScorer()
    elif kind == "offline-v2":
        from cx.scoring.offline2.scorer import VERSION, OfflineScorerV2
        from cx.scoring.offline2.weights import DEFAULT, Weights

        chosen = Weights.from_dict(weights) if weights else DEFAULT
        scorer = OfflineScorerV2(chosen, version or VERSION)
    else:
        raise ValueError(f"unknown offline scorer kind {kind!r}: use one of {', '.join(OFFLINE_KINDS)}")
    if mapping:
        from cx.calibration.mapping import CalibratedScorer, Mapping

        return CalibratedScorer(scorer, Mapping.from_dict(mapping))
    return scorer
