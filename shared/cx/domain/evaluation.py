"""A scorer's evaluation of one conversation: the CX score, its parts, and its reasons with evidence."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Resolution(StrEnum):
    RESOLVED = "resolved"
    PARTLY = "partly"
    UNRESOLVED = "unresolved"


class Direction(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    message_index: int = Field(ge=0)
    quote: str = Field(min_length=1)


class Reason(BaseModel):
    model_config = ConfigDict(frozen=True)

    factor: str
    direction: Direction
    summary: str
    evidence: list[Evidence] = Field(min_length=1)


class SubScores(BaseModel):
    model_config = ConfigDict(frozen=True)

    resolution: Resolution
    sentiment: float = Field(ge=1, le=5)
    effort: float = Field(ge=1, le=5, description="5 = effortless for the customer")
    service_quality: float = Field(ge=1, le=5)


class ScorerInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    version: str
    model: str
    rubric_version: str

    @property
    def label(self) -> str:
        return f"{self.name}/{self.version} rubric {self.rubric_version}"


class Usage(BaseModel):
    """What one evaluation cost: the model API's usage fields and their price in US dollars."""

    model_config = ConfigDict(frozen=True)

    input_tokens: int = Field(ge=0)
    output_tokens: int = Field(ge=0)
    cache_read_input_tokens: int = Field(default=0, ge=0)
    cache_creation_input_tokens: int = Field(default=0, ge=0)
    cost_usd: float = Field(default=0.0, ge=0)


class Evaluation(BaseModel):
    model_config = ConfigDict(frozen=True)

    conversation_id: str
    content_hash: str
    cx_score: int = Field(ge=1, le=5)
    sub_scores: SubScores
    reasons: list[Reason] = Field(min_length=1, max_length=5)
    scorer: ScorerInfo
    evaluated_at: datetime
    published: bool = True
    # Optional, filled by model-based scorers: why the evaluation needs a second look (e.g. a quote
    # that was not in the conversation and was dropped), the model's confidence and outcome guess, usage.
    flags: list[str] = Field(default_factory=list)
    confidence: float | None = Field(default=None, ge=0, le=1)
    outcome_guess: str | None = None
    usage: Usage | None = None
    # The CX score before rounding (offline scorer; calibration ranks on it), and the language the
    # conversation was read as (ISO 639-1, "und" when unknown); None from scorers that do not say.
    raw_score: float | None = Field(default=None, ge=1, le=5)
    language: str | None = None

    @property
    def needs_review(self) -> bool:
        """Needs a human look: flagged (unsure, unreadable language, a dropped quote); never a confident score."""
        return bool(self.flags)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def unscored(self) -> str | None:
        """Why this evaluation is no score at all ("language": the scorer cannot read the conversation's
        language), or None. Such an evaluation is counted apart, never in averages or pass rates."""
        flag = f"language {self.language}:"
        if self.language and self.confidence == 0 and any(f.startswith(flag) for f in self.flags):
            return "language"
        return None

    @property
    def id(self) -> str:
        """Same scorer, rubric and content give the same id: a retry is recognised, not counted again."""
        s = self.scorer
        return f"{s.name}:{s.version}:{s.rubric_version}:{self.content_hash}"
