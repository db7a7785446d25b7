"""The offline kind: the rule-based scorer with its weights and an optional raw-to-1..5 mapping (cut points)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import datetime
from typing import Any

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.scoring.kinds.registry import Kind, KindContext, register, unknown
from cx.scoring.port import Scorer
from cx.scoring.versions import InvalidVersion, ScorerVersion


def _offline_params(params: Mapping[str, Any]) -> dict[str, Any]:
    from cx.scoring.weights import Weights

    unknown(params, {"weights", "cuts"}, "offline")
    out: dict[str, Any] = {}
    weights = params.get("weights") or {}
    if not isinstance(weights, Mapping):
        raise InvalidVersion("weights: write weights.<name>=<number>, e.g. weights.sentiment=3")
    known = {f.name: f.type for f in fields(Weights)}
    for key, value in weights.items():
        if key not in known:
            raise InvalidVersion(f"weights.{key}: no such weight; weights are: {', '.join(sorted(known))}")
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise InvalidVersion(f"weights.{key}={value!r}: a weight is a number")
    if weights:
        out["weights"] = dict(weights)
    if "cuts" in params:
        cuts = params["cuts"]
        ok = isinstance(cuts, list | tuple) and len(cuts) == 4 and all(isinstance(c, int | float) for c in cuts)
        if not ok or list(cuts) != sorted(cuts) or not all(1 <= c <= 5 for c in cuts):
            raise InvalidVersion(
                "cuts: four increasing values from 1 to 5 where the raw score becomes 2, 3, 4 and 5, "
                "e.g. cuts=1.5,2.5,3.5,4.5 (plain rounding)"
            )
        out["cuts"] = [float(c) for c in cuts]
    return out


def mapped(raw: float, cuts: list[float]) -> int:
    """The 1-5 score of a raw value: 1 plus the number of cut points it reaches."""
    return 1 + sum(raw >= c for c in cuts)


def _offline(version: ScorerVersion, context: KindContext) -> Scorer:
    from cx.scoring.offline import VERSION, OfflineScorer
    from cx.scoring.weights import DEFAULT

    weights = replace(DEFAULT, **version.params.get("weights", {}))
    name = VERSION if version.builtin else version.name
    cuts: list[float] = list(version.params.get("cuts") or [])
    if not cuts:
        return OfflineScorer(weights, version=name)

    class Mapped(OfflineScorer):
        def score(self, conversation: Conversation, now: datetime) -> Evaluation:
            evaluation = super().score(conversation, now)
            return evaluation.model_copy(update={"cx_score": mapped(self.assess(conversation).raw, cuts)})

    return Mapped(weights, version=name)


register(
    Kind(
        "offline",
        "the rule-based offline scorer; weights.<name>=<number>, cuts=<four raw values for 2..5>",
        _offline_params,
        _offline,
    )
)
