"""The evaluation tool the model must call, as a strict JSON schema, and the same shape as a pydantic model."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

TOOL_NAME = "record_evaluation"
FACTORS = ("understanding", "ownership", "resolution", "effort", "tone")
OUTCOMES = ("resolved", "unresolved", "escalated", "abandoned")


def _object(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


_SCALE = {"type": "number", "minimum": 1, "maximum": 5}
INPUT_SCHEMA = _object(
    {
        "cx_score": {"type": "integer", "minimum": 1, "maximum": 5, "description": "the CX score, 1-5"},
        "sub_scores": _object(
            {
                "resolution": {"type": "string", "enum": ["resolved", "partly", "unresolved"]},
                "sentiment": {**_SCALE, "description": "customer sentiment, 5 = delighted"},
                "effort": {**_SCALE, "description": "5 = effortless for the customer"},
                "service_quality": _SCALE,
            }
        ),
        "reasons": {
            "type": "array",
            "minItems": 1,
            "maxItems": 5,
            "items": _object(
                {
                    "factor": {"type": "string", "enum": list(FACTORS)},
                    "direction": {"type": "string", "enum": ["positive", "negative"]},
                    "summary": {"type": "string", "minLength": 1},
                    "evidence": {
                        "type": "array",
                        "minItems": 1,
                        "items": _object(
                            {
                                "message_index": {"type": "integer", "minimum": 0},
                                "quote": {"type": "string", "minLength": 1, "description": "verbatim from the message"},
                            }
                        ),
                    },
                }
            ),
        },
        "outcome_guess": {"type": "string", "enum": list(OUTCOMES)},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
    },
    "One evaluation of the conversation by the rubric.",
)

TOOL: dict[str, Any] = {
    "name": TOOL_NAME,
    "description": "Record the evaluation of the support conversation, following the rubric exactly.",
    "input_schema": INPUT_SCHEMA,
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ToolEvidence(_Strict):
    message_index: int = Field(ge=0)
    quote: str = Field(min_length=1)


class ToolReason(_Strict):
    factor: Literal["understanding", "ownership", "resolution", "effort", "tone"]
    direction: Literal["positive", "negative"]
    summary: str = Field(min_length=1)
    evidence: list[ToolEvidence] = Field(min_length=1)


class ToolSubScores(_Strict):
    resolution: Literal["resolved", "partly", "unresolved"]
    sentiment: float = Field(ge=1, le=5)
    effort: float = Field(ge=1, le=5)
    service_quality: float = Field(ge=1, le=5)


class ToolEvaluation(_Strict):
    """What INPUT_SCHEMA allows; anything else in the tool input is rejected, never repaired."""

    cx_score: int = Field(ge=1, le=5)
    sub_scores: ToolSubScores
    reasons: list[ToolReason] = Field(min_length=1, max_length=5)
    outcome_guess: Literal["resolved", "unresolved", "escalated", "abandoned"]
    confidence: float = Field(ge=0, le=1)
