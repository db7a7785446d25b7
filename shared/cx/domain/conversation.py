"""Conversations (contacts) and the case they belong to, as the product stores them."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from cx.domain.limits import MAX_MESSAGE_CHARS, MAX_MESSAGES, MAX_TRANSCRIPT_BYTES, in_future, out_of_window


class Channel(StrEnum):
    CHAT = "chat"
    EMAIL = "email"
    VOICE = "voice"


class Role(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"
    SYSTEM = "system"


class CaseOutcome(StrEnum):
    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"
    ESCALATED = "escalated"
    ABANDONED = "abandoned"


def _require_offset(value: datetime | None, info: ValidationInfo) -> datetime | None:
    """A zone-aware time the aggregates can count; with ``context={"now": ...}`` (an import), not in the future."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("timestamp needs a time zone offset, e.g. 2026-11-02T09:15:00Z")
    now = info.context.get("now") if isinstance(info.context, dict) else None
    problem = out_of_window(value) or (in_future(value, now) if isinstance(now, datetime) else None)
    if problem:
        raise ValueError(problem)
    return value


class Message(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    role: Role
    text: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    at: datetime | None = None

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("message text is blank")
        return value

    _aware = field_validator("at")(_require_offset)


class HumanLabels(BaseModel):
    """Annotators' ratings of the whole conversation (1-5), kept apart, never averaged on import."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    overall: list[int] = Field(default_factory=list)

    @field_validator("overall")
    @classmethod
    def _in_scale(cls, value: list[int]) -> list[int]:
        bad = [v for v in value if not 1 <= v <= 5]
        if bad:
            raise ValueError(f"ratings must be 1-5, got {bad}")
        return value


class Conversation(BaseModel):
    """One contact between a customer and support, part of a case.

    Only ``id``, ``channel`` and ``messages`` are required, so labelled research data loads too;
    a conversation counts in journey reports only when it has a journey, a date and a case outcome.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1, max_length=200)
    channel: Channel
    messages: list[Message] = Field(min_length=1, max_length=MAX_MESSAGES)
    case_id: str | None = None
    journey: str | None = None
    inquiry: str | None = None
    agent_id: str | None = None
    agent_name: str | None = None
    team: str | None = None
    customer_id: str | None = None
    started_at: datetime | None = None
    case_opened_at: datetime | None = None
    case_outcome: CaseOutcome | None = None
    source: str | None = None
    source_updated_at: datetime | None = None  # the help desk's `updated_at` of this copy: older never replaces newer
    labels: HumanLabels | None = None

    @field_validator("journey", "inquiry", "team")
    @classmethod
    def _slug(cls, value: str | None) -> str | None:
        return value.strip().lower() if value else None

    _aware = field_validator("started_at", "case_opened_at", "source_updated_at")(_require_offset)

    @model_validator(mode="after")
    def _needs_a_customer(self) -> Conversation:
        if not any(m.role is Role.CUSTOMER for m in self.messages):
            raise ValueError("messages: a conversation needs at least one customer message")
        size = sum(len(m.text.encode()) for m in self.messages)
        if size > MAX_TRANSCRIPT_BYTES:
            raise ValueError(
                f"messages: the texts total {size:,} bytes, more than the {MAX_TRANSCRIPT_BYTES:,} one conversation "
                "can hold; split the thread into several conversations of the same case"
            )
        return self

    @property
    def case_ref(self) -> str:
        return self.case_id or self.id

    @property
    def when(self) -> datetime | None:
        """The contact's time: its start, else its first timestamped message."""
        if self.started_at:
            return self.started_at
        return next((m.at for m in self.messages if m.at), None)

    @property
    def case_when(self) -> datetime | None:
        return self.case_opened_at or self.when

    def content_hash(self) -> str:
        """Stable hash of what a scorer reads, to make re-delivery of the same content a no-op."""
        payload = json.dumps([[m.role.value, m.text] for m in self.messages], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(payload.encode()).hexdigest()[:32]
