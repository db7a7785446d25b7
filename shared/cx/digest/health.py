"""Scorer health for the digest's one line: agreement with human labels and the latest drift check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from cx.calibration.drift import DriftReport
from cx.calibration.report import CalibrationReport


class DriftStatus(BaseModel):
    """What the weekly drift check found last time, and where its summary was posted."""

    model_config = ConfigDict(frozen=True)

    checked_at: datetime
    start: date
    end: date
    alerts: list[str]
    permalink: str | None = None

    @classmethod
    def of(cls, report: DriftReport, checked_at: datetime, permalink: str | None) -> DriftStatus:
        return cls(
            checked_at=checked_at,
            start=report.current[0],
            end=report.current[1],
            alerts=list(report.alerts),
            permalink=permalink,
        )


@dataclass(frozen=True)
class ScorerHealth:
    agreement: CalibrationReport | None  # on recently labelled conversations; None when there are none
    kappa_target: float | None
    drift: DriftStatus | None  # None when no drift check has been recorded
    has_labels_table: bool = True
