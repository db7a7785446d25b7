"""Promoting a scorer is an explicit, recorded act: who, when, from which version to which."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class Promotion(BaseModel):
    model_config = ConfigDict(frozen=True)

    scorer: str = Field(min_length=1)  # the scorer version now active (`cx scorer list`)
    previous: str | None  # the version active before
    # the two versions' scorer labels as their evaluations carry them (what ◆ and `/cx why` show)
    to_label: str | None = None
    from_label: str | None = None
    by: str = Field(min_length=1)
    at: datetime
    note: str | None = None

    def describe(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M %Z} {self.by}: {self.previous or '(none)'} → {self.scorer}"

    def labels(self) -> str:
        return f"{self.from_label or '?'} → {self.to_label or '?'}"
