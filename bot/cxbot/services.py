"""What the listeners need from the rest of the product, handed in by whoever builds the app."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Protocol

from cx.access import Roles
from cx.aggregation.counters import Counts
from cx.aggregation.keys import Segment
from cx.calibration.labels import Label
from cx.calibration.report import CalibrationReport
from cx.coaching.ports import PlanStore
from cx.digest.report import Digest
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.performance.rows import PerformanceRows
from cx.ranges import DateRange
from cx.workspace.config import WorkspaceConfig
from cx.workspace.store import WorkspaceStore


class LabelSink(Protocol):
    def put_labels(self, labels: Iterable[Label]) -> int: ...


class ReportStore(Protocol):
    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]: ...

    def read_days_many(self, pks: Sequence[str], start: date, end: date) -> dict[str, dict[date, Counts]]: ...

    def read_ranked(
        self, pks: Sequence[str], count: int | None, keep: Callable[[str], bool]
    ) -> dict[str, list[tuple[str, Counts]]]: ...

    def known_journeys(self) -> set[str]: ...

    def segments(self, dimension: str | None = None) -> set[Segment]: ...


class CaseStore(Protocol):
    def case_contacts(self, case_id: str) -> list[tuple[Conversation, Evaluation | None]]: ...


class RoleReader(Protocol):
    def get_roles(self) -> Roles | None: ...


@dataclass(frozen=True)
class WorkspaceAdmin:
    """What `/cx admin` changes: the stored workspace configuration, and the deploy defaults it starts from."""

    store: WorkspaceStore
    defaults: WorkspaceConfig


class Telemetry(Protocol):
    """Where business metrics go (Powertools metrics on Lambda); ``unit`` is "Count" or "Milliseconds"."""

    def record(self, name: str, value: float, unit: str) -> None: ...


class NoTelemetry:
    def record(self, name: str, value: float, unit: str) -> None:
        return None


@dataclass(frozen=True)
class BotServices:
    reports: ReportStore
    tz: tzinfo
    pass_threshold: int
    clock: Callable[[], datetime]
    # the calibration report for a scorer name (None: the current evaluations); None when no labels table
    calibration: Callable[[str | None], CalibrationReport] | None = None
    labels: LabelSink | None = None  # where Rate this stores a reviewer's label
    cases: CaseStore | None = None
    roles: RoleReader | None = None
    telemetry: Telemetry = field(default_factory=NoTelemetry)
    journey_aliases: Mapping[str, str] = field(default_factory=dict)  # alias -> journey (`cx config`)
    workspace: WorkspaceAdmin | None = None  # None: no config table, `/cx admin` says so
    performance: PerformanceRows | None = None  # agent performance rows (`/cx me`, `/cx agent`, coaching)
    plans: PlanStore | None = None  # coaching plans; None when no coaching table is configured
    # the weekly digest for (period, journeys or None for all, now); None when not wired
    digest: Callable[[DateRange, Sequence[str] | None, datetime], Digest] | None = None
