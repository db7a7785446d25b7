"""The offline-v2 kind (rubric offline-v2.md): its weights and an optional calibration mapping, built by
``cx.scoring.versions.offline_scorer``; the built-in ``offline-v2`` version is its defaults."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cx.scoring.kinds.registry import Kind, KindContext, register, unknown
from cx.scoring.port import Scorer
from cx.scoring.versions import InvalidVersion, ScorerVersion, offline_scorer


def _params(params: Mapping[str, Any]) -> dict[str, Any]:
    unknown(params, {"weights", "mapping"}, "offline-v2")
    out = {k: dict(v) for k, v in params.items() if isinstance(v, Mapping)}
    if len(out) != len(params):
        raise InvalidVersion("offline-v2: weights.<name>=<number> and mapping.<key>=… are groups of values")
    try:
        offline_scorer("offline-v2", "check", out.get("weights"), out.get("mapping"))
    except (ValueError, TypeError, KeyError) as problem:
        raise InvalidVersion(f"offline-v2: {problem}") from None
    return out


def _build(version: ScorerVersion, context: KindContext) -> Scorer:
    name = None if version.builtin else version.name
    return offline_scorer("offline-v2", name, version.params.get("weights"), version.params.get("mapping"))


register(Kind("offline-v2", "the offline-v2 scorer; weights.<name>=<number>, mapping.<key>=…", _params, _build))
