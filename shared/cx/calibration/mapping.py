"""A team's own scale: the scorer's raw value mapped to 1-5 on the team's labels, monotone.

Two fits. ``fit_cut_points`` (the one used): ordinal cut-points at the raw values that split the labelled
conversations in the shares the reviewers' mean ratings fall in (below 1.5, below the poor-experience
cut-off, from 3.5, from 4.5), so the published score finds poor experiences as often as the reviewers
report them and sits on their scale. ``fit_mapping``: isotonic regression on the mean rating
(pool-adjacent-violators), closest in squared error but squeezed towards the middle. Either way the
mapping is part of the scorer's version.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.scoring.port import Scorer


@dataclass(frozen=True)
class Mapping:
    """Step points (raw value, mapped value), raw ascending; between points the mapping is linear."""

    raws: tuple[float, ...]
    values: tuple[float, ...]
    labels: int  # conversations it was fitted on

    @property
    def id(self) -> str:
        payload = json.dumps([self.raws, self.values], separators=(",", ":"))
        return hashlib.sha256(payload.encode()).hexdigest()[:8]

    def __call__(self, raw: float) -> float:
        if not self.raws:
            return raw
        k = bisect.bisect_left(self.raws, raw)
        if k == 0:
            return self.values[0]
        if k == len(self.raws):
            return self.values[-1]
        x0, x1, y0, y1 = self.raws[k - 1], self.raws[k], self.values[k - 1], self.values[k]
        return y0 + (y1 - y0) * (raw - x0) / (x1 - x0) if x1 > x0 else y1

    def as_dict(self) -> dict[str, Any]:
        return {"raws": list(self.raws), "values": list(self.values), "labels": self.labels}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        raws, values = tuple(map(float, data["raws"])), tuple(map(float, data["values"]))
        if len(raws) != len(values) or list(raws) != sorted(raws) or list(values) != sorted(values):
            raise ValueError("a mapping needs as many values as raws, both ascending")
        return cls(raws, values, int(data.get("labels", 0)))


def fit_mapping(raw: Sequence[float], target: Sequence[float]) -> Mapping:
    """Isotonic (non-decreasing) least-squares fit of ``target`` on ``raw``, by pool-adjacent-violators."""
    if len(raw) != len(target) or not raw:
        raise ValueError("a mapping needs as many targets as raw values, and at least one")
    pairs = sorted(zip(raw, target, strict=True))
    blocks: list[list[float]] = []  # [sum of targets, count, lowest raw, highest raw]
    for x, y in pairs:
        blocks.append([y, 1, x, x])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            total, count, _, high = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
            blocks[-1][3] = high
    raws: list[float] = []
    values: list[float] = []
    for total, count, low, high in blocks:
        value = max(1.0, min(5.0, total / count))
        for x in (low, high) if high > low else (low,):
            if not raws or x > raws[-1]:
                raws.append(x)
                values.append(value)
    return Mapping(tuple(raws), tuple(values), len(pairs))


def fit_cut_points(raw: Sequence[float], target: Sequence[float], poor_below: float = 3.0) -> Mapping:
    """Piecewise-linear mapping through the raw quantiles where the reviewers' shares change category."""
    if len(raw) != len(target) or len(raw) < 2:
        raise ValueError("cut-points need as many targets as raw values, and at least two")
    ordered = sorted(raw)
    n = len(target)
    shares = (
        (sum(t < 1.5 for t in target) / n, 1.5),
        (sum(t < poor_below for t in target) / n, 2.5),  # below this the published score is poor
        (1 - sum(t >= 3.5 for t in target) / n, 3.5),
        (1 - sum(t >= 4.5 for t in target) / n, 4.5),
    )
    points = [(ordered[0], 1.0)]
    for share, value in shares:
        if 0 < share < 1:
            x = _quantile(ordered, share)
            if x > points[-1][0] and value > points[-1][1]:
                points.append((x, value))
    if ordered[-1] > points[-1][0]:
        points.append((ordered[-1], 5.0))
    return Mapping(tuple(p[0] for p in points), tuple(p[1] for p in points), n)


def _quantile(ordered: Sequence[float], q: float) -> float:
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class CalibratedScorer:
    """A scorer whose raw value is published through a team's mapping; a version of its own."""

    def __init__(self, base: Scorer, mapping: Mapping) -> None:
        self._base, self.mapping = base, mapping
        info = base.info
        self._info = info.model_copy(update={"name": f"{info.name}+cal", "version": f"{info.version}+{mapping.id}"})

    @property
    def info(self) -> Any:
        return self._info

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        evaluation = self._base.score(conversation, now)
        raw = evaluation.raw_score if evaluation.raw_score is not None else float(evaluation.cx_score)
        mapped = self.mapping(raw)
        return evaluation.model_copy(
            update={"scorer": self._info, "raw_score": round(mapped, 4), "cx_score": max(1, min(5, int(mapped + 0.5)))}
        )
