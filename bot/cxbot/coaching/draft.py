"""A coaching plan being built in the wizard: carried from step to step in the modal's private_metadata."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from cx.performance.metrics import Metric

STEPS = ("metric", "target", "review", "help", "summary")


class Draft(BaseModel):
    step: str = "metric"
    inquiry: str
    metric: Metric
    channel: str | None = None  # handle time: the channel the plan tracks
    start: float | None = None
    improvement: int | None = None
    target: float | None = None
    due: date | None = None
    actions: list[str] = Field(default_factory=list)
    help: list[str] = Field(default_factory=list)
    note: str | None = None

    def at(self, step: str, **changes: object) -> Draft:
        return self.model_copy(update={"step": step, **changes})
