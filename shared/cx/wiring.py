"""The one wiring object: what a process needs, built from settings and the workspace configuration.

Every handler, the Bolt app and the CLI get their services from a ``Wiring``; none merges the workspace
configuration into the settings itself. ``Current`` holds a process's wiring and builds it again when the
stored configuration's version (read at most once a minute) or another key (a rotated secret) changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, Generic, TypeVar

from cx import bootstrap
from cx.config import Settings
from cx.refreshing import Refreshing
from cx.workspace.config import WorkspaceConfig

if TYPE_CHECKING:
    from datetime import date

    from cx.calibration.drift import DriftReport
    from cx.coaching.daily import DailyReport
    from cx.coaching.ports import Messenger
    from cx.pipeline import Pipeline
    from cx.scoring.port import Scorer

T = TypeVar("T")


class Wiring:
    """Settings with the workspace configuration in force, and the services built from them (each on first use)."""

    def __init__(self, deploy: Settings, clock: Callable[[], datetime], create: bool = False) -> None:
        """``create`` stores the deploy defaults when no configuration is stored yet (the Slack function, the CLI)."""
        self.deploy, self.clock = deploy, clock
        self.workspace: WorkspaceConfig = bootstrap.workspace_config(
            deploy, clock, create=create
        ) or bootstrap.deploy_defaults(deploy)
        self.settings = bootstrap.with_workspace(deploy, self.workspace)
        self.version = self.workspace.version

    @property
    def tz(self) -> tzinfo:
        return self.settings.timezone

    def today(self) -> date:
        return self.clock().astimezone(self.tz).date()

    @cached_property
    def stores(self) -> bootstrap.Stores:
        return bootstrap.build_stores(self.settings)

    def pipeline(self, scorer: Scorer | None = None) -> Pipeline:
        return bootstrap.build_pipeline(self.settings, self.clock, scorer, self.workspace)

    @cached_property
    def scoring(self) -> Pipeline:
        """The pipeline with the active scorer, kept for the process's many batches."""
        return self.pipeline()

    @cached_property
    def digest(self) -> bootstrap.DigestWiring:
        return bootstrap.build_digest_wiring(self.settings)

    @cached_property
    def drift_check(self) -> Callable[[datetime], DriftReport]:
        return bootstrap.build_drift_check(self.settings)

    @cached_property
    def drift_status(self) -> bootstrap.DynamoDriftStatusStore | None:
        return bootstrap.build_drift_status(self.settings)

    @cached_property
    def coaching_run(self) -> Callable[[Messenger, date], DailyReport]:
        return bootstrap.build_coaching_run(self.settings)


class Current(Generic[T]):
    """A process's wiring (or what is built from it), built on first use and again when ``key()`` changes."""

    def __init__(self, build: Callable[[], T], key: Callable[[], Hashable]) -> None:
        self._build, self._key = build, key
        self._built: tuple[Hashable, T] | None = None

    def get(self) -> T:
        key = self._key()
        if self._built is None or self._built[0] != key:
            self._built = (key, self._build())
        return self._built[1]


def config_version(settings: Settings, max_age: float = 60.0) -> Callable[[], Hashable]:
    """The stored configuration's version, the promoted scorer version and the shadow plan (`cx promote`,
    `cx shadow start|stop`), read at most every ``max_age`` seconds."""
    version = Refreshing(lambda: bootstrap.scoring_state(settings), max_age)
    return version.get


def current_wiring(
    settings: Settings, clock: Callable[[], datetime], create: bool = False, max_age: float = 60.0
) -> Current[Wiring]:
    """``max_age`` 0 for the scheduled functions: they run rarely, so they read the version on every run."""
    return Current(lambda: Wiring(settings, clock, create), config_version(settings, max_age))


class PerWorkspace(Generic[T]):
    """A process's ``Current`` for each workspace it serves (one, "", in a single-workspace deploy)."""

    def __init__(self, build: Callable[[Settings], Current[T]]) -> None:
        self._build = build
        self._built: dict[str, Current[T]] = {}

    def of(self, settings: Settings) -> Current[T]:
        if settings.workspace not in self._built:
            self._built[settings.workspace] = self._build(settings)
        return self._built[settings.workspace]


def one_or_each(results: dict[str, T]) -> T | dict[str, dict[str, T]]:
    """A scheduled function's result: as ever for a single-workspace deploy, else by workspace."""
    return results[""] if list(results) == [""] else {"workspaces": results}
