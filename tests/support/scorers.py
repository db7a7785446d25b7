"""Scorer variants for tests: another version of the offline scorer that rates every conversation lower."""

from __future__ import annotations

from dataclasses import replace

from cx.domain.evaluation import ScorerInfo
from cx.scoring.offline import OfflineScorer
from cx.scoring.weights import DEFAULT


class StricterOfflineScorer(OfflineScorer):
    """The offline scorer with its base lowered by a point: a new rubric version, as a promotion would bring."""

    def __init__(self) -> None:
        super().__init__(replace(DEFAULT, base=DEFAULT.base - 1.0))
        self._info = ScorerInfo(
            name="offline", version="1.1.0", model=self._info.model, rubric_version="offline-v1-strict"
        )
