"""Promoting a scorer is an explicit, recorded act: who, when, from which version to which."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class Promotion(BaseModel):
    model_config = ConfigDict(frozen=True)

    scorer: str = Field(min_length=1)  # the scorer name now active
    previous: str | None
    by: str = Field(min_length=1)
    at: datetime
    note: str | None = None

    def describe(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M %Z} {self.by}: {self.previous or '(none)'} → {self.scorer}"
