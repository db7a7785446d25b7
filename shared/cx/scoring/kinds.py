"""Scorer kinds: a factory from plain parameters to a scorer, and the validation of those parameters.

A new kind (another offline method, a per-workspace calibration mapping) registers here with ``register``
and is then a version like any other: `cx scorer create NAME --kind KIND key=value …`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.scoring.port import Scorer
from cx.scoring.versions import InvalidVersion, ScorerVersion


@dataclass(frozen=True)
class ClaudeAccess:
    """How to reach the model API: the key is read only when a claude version is built."""

    api_key: Callable[[], str]
    base_url: str | None = None


@dataclass(frozen=True)
class KindContext:
    claude: ClaudeAccess | None = None  # None: no API key configured, so no claude version can run


@dataclass(frozen=True)
class Kind:
    name: str
    help: str
    validate: Callable[[Mapping[str, Any]], dict[str, Any]]  # the parameters as stored, or InvalidVersion
    build: Callable[[ScorerVersion, KindContext], Scorer]


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


def kind_of(name: str) -> Kind:
    if name not in KINDS:
        raise InvalidVersion(f"unknown scorer kind `{name}`; kinds are: {', '.join(sorted(KINDS))}")
    return KINDS[name]


def validate(kind: str, params: Mapping[str, Any]) -> dict[str, Any]:
    return kind_of(kind).validate(params)


def build(version: ScorerVersion, context: KindContext) -> Scorer:
    return kind_of(version.kind).build(version, context)


def _unknown(params: Mapping[str, Any], allowed: set[str], kind: str) -> None:
    extra = sorted(set(params) - allowed)
    if extra:
        raise InvalidVersion(f"the {kind} kind takes {', '.join(sorted(allowed))}; not {', '.join(extra)}")


# --- offline: weights and an optional raw-to-1..5 mapping -------------------------------------------------


def _offline_params(params: Mapping[str, Any]) -> dict[str, Any]:
    from cx.scoring.weights import Weights

    _unknown(params, {"weights", "cuts"}, "offline")
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


# --- claude: a model and a rubric -------------------------------------------------------------------------


def _claude_params(params: Mapping[str, Any]) -> dict[str, Any]:
    from cx.scoring.claude.pricing import PRICES
    from cx.scoring.claude.rubric import DEFAULT_RUBRIC, RUBRICS

    _unknown(params, {"model", "rubric"}, "claude")
    model = params.get("model")
    if model not in PRICES:
        raise InvalidVersion(f"model={model!r}: give a full model id with a known price: {', '.join(sorted(PRICES))}")
    rubric = str(params.get("rubric", DEFAULT_RUBRIC))
    available = sorted(p.stem for p in RUBRICS.glob("claude-*.md"))
    if rubric not in available:
        raise InvalidVersion(f"rubric={rubric!r}: rubrics are {', '.join(available)}")
    return {"model": model, "rubric": rubric}


def _claude(version: ScorerVersion, context: KindContext) -> Scorer:
    from cx.scoring.claude.adapter import ClaudeScorer
    from cx.scoring.claude.rubric import Rubric

    if context.claude is None:
        raise InvalidVersion(
            f"the version {version.name} runs Claude: set the API key (CX_ANTHROPIC_SECRET_ARN on AWS, "
            "ANTHROPIC_API_KEY locally) and CX_CLAUDE_MODEL"
        )
    params = _claude_params(version.params)
    return ClaudeScorer(
        model=params["model"],
        api_key=context.claude.api_key(),
        base_url=context.claude.base_url,
        rubric=Rubric.load(params["rubric"]),
        version=None if version.builtin else version.name,
    )


register(Kind("claude", "Claude with a rubric; model=<model id> (required), rubric=claude-v1", _claude_params, _claude))


def parse_params(words: list[str]) -> dict[str, Any]:
    """`key=value` words as plain parameters: numbers become numbers, commas make lists, dots nest."""
    out: dict[str, Any] = {}
    for word in words:
        key, eq, text = word.partition("=")
        if not eq or not key.strip():
            raise InvalidVersion(f"`{word}`: write parameters as key=value, e.g. weights.sentiment=3")
        value: Any = [_scalar(t) for t in text.split(",")] if "," in text else _scalar(text)
        *path, last = key.strip().split(".")
        target = out
        for part in path:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                raise InvalidVersion(f"`{key}` sets inside a value that is not a group")
        target[last] = value
    return out


def _scalar(text: str) -> Any:
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text
