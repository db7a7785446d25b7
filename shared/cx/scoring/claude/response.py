"""The model's tool input checked against the schema and the conversation, then made an Evaluation.

Nothing is repaired or made up: output outside the schema raises InvalidOutput (the scorer asks once
more, then gives up), and a quote that is not verbatim in the message it cites is dropped and flagged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ValidationError

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Direction, Evaluation, Evidence, Reason, Resolution, ScorerInfo, SubScores, Usage

from .schema import ToolEvaluation, ToolReason


class InvalidOutput(ValueError):
    """The model's answer does not fit the evaluation schema, or none of its evidence is real."""


def parse_tool_input(raw: Any) -> ToolEvaluation:
    if not isinstance(raw, dict):
        raise InvalidOutput(f"tool input is {type(raw).__name__}, not an object")
    try:
        return ToolEvaluation.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
        raise InvalidOutput(f"tool input outside the schema: {problems}") from None


def _checked(reason: ToolReason, number: int, texts: list[str], flags: list[str]) -> Reason | None:
    kept = []
    for ev in reason.evidence:
        if ev.message_index < len(texts) and ev.quote in texts[ev.message_index]:
            kept.append(Evidence(message_index=ev.message_index, quote=ev.quote))
        else:
            flags.append(f"quote not found verbatim: reason {number}, message {ev.message_index}")
    if not kept:
        return None
    return Reason(factor=reason.factor, direction=Direction(reason.direction), summary=reason.summary, evidence=kept)


def to_evaluation(
    raw: Any,
    conversation: Conversation,
    texts: list[str],
    scorer: ScorerInfo,
    now: datetime,
    usage: Usage | None = None,
) -> Evaluation:
    """``texts`` are the messages as the model saw them; evidence is checked against those."""
    tool = parse_tool_input(raw)
    flags: list[str] = []
    reasons = [r for i, reason in enumerate(tool.reasons) if (r := _checked(reason, i, texts, flags))]
    if not reasons:
        raise InvalidOutput("no reason has a quote found verbatim in the conversation")
    s = tool.sub_scores
    return Evaluation(
        conversation_id=conversation.id,
        content_hash=conversation.content_hash(),
        cx_score=tool.cx_score,
        sub_scores=SubScores(
            resolution=Resolution(s.resolution),
            sentiment=s.sentiment,
            effort=s.effort,
            service_quality=s.service_quality,
        ),
        reasons=reasons,
        scorer=scorer,
        evaluated_at=now,
        flags=flags,
        confidence=tool.confidence,
        outcome_guess=tool.outcome_guess,
        usage=usage,
    )
