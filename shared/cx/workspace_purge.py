"""A workspace that uninstalled the app: its data is deleted a retention period later, unless it installs again.

On ``app_uninstalled`` its tokens go at once and a purge is scheduled ``retention`` after; a reinstall before
then cancels it. The daily purge run deletes every item of each due workspace (every key with its ``ws=<id>|``
prefix, in every table) and only then forgets the schedule, so a run that stops half-way is finished by the
next one. A workspace installed again meanwhile is never purged, whatever the schedule says.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_RETENTION = timedelta(days=30)


@dataclass(frozen=True)
class ScheduledPurge:
    workspace: str
    uninstalled_at: datetime
    purge_after: datetime


class PurgeSchedule(ABC):
    """The workspaces whose data is to be deleted, and when."""

    @abstractmethod
    def schedule(self, purge: ScheduledPurge) -> None: ...

    @abstractmethod
    def cancel(self, workspace: str) -> None:
        """Installed again: nothing is deleted (no-op when none is scheduled)."""

    @abstractmethod
    def scheduled(self) -> list[ScheduledPurge]: ...


class WorkspaceEraser(ABC):
    @abstractmethod
    def erase(self, workspace: str) -> dict[str, int]:
        """Delete every item of ``workspace`` in every table; items deleted per table."""


@dataclass(frozen=True)
class Purged:
    workspace: str
    uninstalled_at: datetime
    deleted: dict[str, int]


def uninstalled(schedule: PurgeSchedule, workspace: str, now: datetime, retention: timedelta) -> ScheduledPurge:
    """Schedule the deletion of an uninstalled workspace's data (a repeated uninstall moves it later)."""
    if not workspace:
        raise ValueError("a purge needs a workspace id: a single-workspace deploy's data is not namespaced")
    purge = ScheduledPurge(workspace, now, now + retention)
    schedule.schedule(purge)
    return purge


def purge_due(
    schedule: PurgeSchedule, eraser: WorkspaceEraser, installed: Callable[[], Iterable[str]], now: datetime
) -> list[Purged]:
    """Delete the data of every workspace whose retention ran out and that has not installed the app again."""
    done: list[Purged] = []
    due = [p for p in schedule.scheduled() if p.purge_after <= now]
    if not due:
        return done
    present = set(installed())
    for purge in due:
        if purge.workspace in present:  # installed again and the cancel was missed: keep everything
            schedule.cancel(purge.workspace)
            continue
        deleted = eraser.erase(purge.workspace)
        schedule.cancel(purge.workspace)  # only once everything is gone: an interrupted run is finished next time
        done.append(Purged(purge.workspace, purge.uninstalled_at, deleted))
    return done
