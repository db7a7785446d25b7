"""What the listeners need from the rest of the product, handed in by whoever builds the app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol

from cx.aggregation.counters import Counts
from cx.calibration.report import CalibrationReport


class ReportStore(Protocol):
    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]: ...

    def known_journeys(self) -> set[str]: ...


@dataclass(frozen=True)
class BotServices:
    reports: ReportStore
    tz: tzinfo
    pass_threshold: int
    clock: Callable[[], datetime]
    # the calibration report for a scorer name (None: the current evaluations); None when no labels table
    calibration: Callable[[str | None], CalibrationReport] | None = None
