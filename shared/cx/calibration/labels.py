"""Human labels: one reviewer's 1-5 rating of one conversation, kept apart from every other reviewer's."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from cx.domain.conversation import Conversation


class Label(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    conversation_id: str = Field(min_length=1, max_length=200)
    reviewer: str = Field(min_length=1, max_length=200)
    score: int = Field(ge=1, le=5)
    reason: str | None = Field(default=None, max_length=3000)
    labelled_at: datetime | None = None

    @field_validator("labelled_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("labelled_at needs a time zone offset, e.g. 2026-11-02T09:15:00Z")
        return value

    @property
    def key(self) -> str:
        """The sort key in storage: a reviewer may label a conversation again; each label is kept."""
        return f"{self.reviewer}#{self.labelled_at.isoformat() if self.labelled_at else '-'}"


def labels_in(conversation: Conversation) -> list[Label]:
    """The annotators' ratings carried inside a labelled conversation (anonymous: annotator-1, -2, ...)."""
    if not conversation.labels:
        return []
    return [
        Label(conversation_id=conversation.id, reviewer=f"annotator-{i}", score=score)
        for i, score in enumerate(conversation.labels.overall, start=1)
    ]


def by_conversation(labels: list[Label]) -> dict[str, list[int]]:
    """Each conversation's scores, one per reviewer: a reviewer's latest label replaces their earlier ones."""
    latest: dict[tuple[str, str], Label] = {}
    for label in labels:
        key = (label.conversation_id, label.reviewer)
        held = latest.get(key)
        if held is None or (label.labelled_at and (not held.labelled_at or label.labelled_at >= held.labelled_at)):
            latest[key] = label
    scores: dict[str, list[int]] = {}
    for (conversation_id, _), label in sorted(latest.items()):
        scores.setdefault(conversation_id, []).append(label.score)
    return scores
