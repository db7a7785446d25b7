"""The offline-v3 kind (rubric offline-v3.md): its weights and an optional calibration mapping, built by
``cx.scoring.versions.offline_scorer``; the built-in ``offline-v3`` version is its defaults."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cx.scoring.kinds.registry import Kind, KindContext, register, unknown
from cx.scoring.port import Scorer
from cx.scoring.versions import InvalidVersion, ScorerVersion, offline_scorer


def _params(params: Mapping[str, Any]) -> dict[str, Any]:
    unknown(params, {"weights", "mapping"}, "offline-v3")
    out = {k: dict(v) for k, v in params.items() if isinstance(v, Mapping)}
    if len(out) != len(params):
        raise InvalidVersion(
            "offline-v3: weights.base=<number>, weights.weight.<feature>=<number> and mapping.<key>=… are groups"
        )
    try:
        offline_scorer("offline-v3", "check", out.get("weights"), out.get("mapping"))
    except (ValueError, TypeError, KeyError) as problem:
        raise InvalidVersion(f"offline-v3: {problem}") from None
    return out


def _build(version: ScorerVersion, context: KindContext) -> Scorer:
    name = None if version.builtin else version.name
    return offline_scorer("offline-v3", name, version.params.get("weights"), version.params.get("mapping"))


register(
    Kind("offline-v3", "the offline-v3 scorer; weights.weight.<feature>=<number>, mapping.<key>=…", _params, _build)
)
