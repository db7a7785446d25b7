"""The claude kind: Claude with a model and a rubric; the API key is read only when a version is built."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cx.scoring.kinds.registry import Kind, KindContext, register, unknown
from cx.scoring.port import Scorer
from cx.scoring.versions import InvalidVersion, ScorerVersion


def _claude_params(params: Mapping[str, Any]) -> dict[str, Any]:
    from cx.scoring.claude.models import InvalidModelId, check
    from cx.scoring.claude.rubric import DEFAULT_RUBRIC, RUBRICS

    unknown(params, {"model", "rubric"}, "claude")
    model = params.get("model")
    try:
        check(str(model or ""))
    except InvalidModelId as exc:
        raise InvalidVersion(f"model: {exc}") from None
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
        provider=context.claude.provider,
        aws_region=context.claude.region,
    )


register(Kind("claude", "Claude with a rubric; model=<model id> (required), rubric=claude-v1", _claude_params, _claude))
