"""What the listeners need from the rest of the product, handed in by whoever builds the app."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Protocol

from slack_bolt import BoltContext

from cx.access import RoleReader
from cx.calibration.report import CalibrationReport
from cx.coaching.ports import PlanStore
from cx.digest.report import Digest
from cx.domain.conversation import Conversation
from cx.home import HomeViewers
from cx.performance.rows import PerformanceRows
from cx.ports import LabelSink
from cx.ranges import DateRange
from cx.reads import (
    CaseContactsReader,
    CubeReader,
    DayReader,
    JourneyCatalog,
    ManyDayReader,
    RankedReader,
    SegmentReader,
)
from cx.workspace.config import WorkspaceConfig
from cx.workspace.store import WorkspaceStore


class ReportStore(DayReader, ManyDayReader, RankedReader, JourneyCatalog, SegmentReader, CubeReader, Protocol):
    """What the answers read from the aggregates."""


class CaseStore(CaseContactsReader, Protocol):
    """A case's contacts, and one conversation (who may rate it is decided on the stored one)."""

    def get_conversation(self, conversation_id: str) -> Conversation | None: ...


@dataclass(frozen=True)
class WorkspaceAdmin:
    """What `/cx admin` changes: the stored workspace configuration, and the deploy defaults it starts from."""

    store: WorkspaceStore
    defaults: WorkspaceConfig
    scorers: Callable[[], list[str]] | None = None  # the scorer versions, active and shadowing marked


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
    homes: HomeViewers | None = None  # who has opened the Home tab (refreshed after folds); None: not kept


# The services for a request's workspace (Bolt's context names the team and enterprise): one workspace's
# services always in a single-workspace deploy, the workspace the request comes from with the OAuth install.
ServicesFor = Callable[[BoltContext], BotServices]


def always(services: BotServices) -> ServicesFor:
    """A single-workspace deploy: the same services for every request."""
    return lambda _context: services
