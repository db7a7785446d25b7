"""What the listeners need from the rest of the product, handed in by whoever builds the app."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol

from cx.aggregation.counters import Counts
from cx.calibration.labels import Label
from cx.calibration.report import CalibrationReport


class LabelSink(Protocol):
    def put_labels(self, labels: Iterable[Label]) -> int: ...


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
    labels: LabelSink | None = None  # where Rate this stores a reviewer's label
