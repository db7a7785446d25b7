"""The purge of uninstalled workspaces: only what is due, never a workspace installed again, and a purge that
fails half-way stays scheduled for the next run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cx.workspace_purge import PurgeSchedule, ScheduledPurge, WorkspaceEraser, purge_due, uninstalled

NOW = datetime(2026, 12, 1, 3, 30, tzinfo=UTC)


class MemorySchedule(PurgeSchedule):
    def __init__(self) -> None:
        self.items: dict[str, ScheduledPurge] = {}

    def schedule(self, purge: ScheduledPurge) -> None:
        self.items[purge.workspace] = purge

    def cancel(self, workspace: str) -> None:
        self.items.pop(workspace, None)

    def scheduled(self) -> list[ScheduledPurge]:
        return list(self.items.values())


class MemoryEraser(WorkspaceEraser):
    def __init__(self, fail: str | None = None) -> None:
        self.erased: list[str] = []
        self.fail = fail

    def erase(self, workspace: str) -> dict[str, int]:
        if workspace == self.fail:
            raise TimeoutError("stopped half-way")
        self.erased.append(workspace)
        return {"conversations": 3}


def test_only_due_workspaces_not_installed_again_are_erased() -> None:
    schedule, eraser = MemorySchedule(), MemoryEraser()
    uninstalled(schedule, "T0DUE", NOW - timedelta(days=31), timedelta(days=30))
    uninstalled(schedule, "T0NOTYET", NOW - timedelta(days=29), timedelta(days=30))
    uninstalled(schedule, "T0BACK", NOW - timedelta(days=40), timedelta(days=30))
    done = purge_due(schedule, eraser, lambda: ["T0BACK"], NOW)
    assert [d.workspace for d in done] == ["T0DUE"] and eraser.erased == ["T0DUE"]
    assert sorted(schedule.items) == ["T0NOTYET"]  # T0BACK's schedule is dropped: it installed again


def test_a_purge_that_fails_stays_scheduled() -> None:
    schedule, eraser = MemorySchedule(), MemoryEraser(fail="T0BIG")
    uninstalled(schedule, "T0BIG", NOW - timedelta(days=31), timedelta(days=30))
    with pytest.raises(TimeoutError):
        purge_due(schedule, eraser, lambda: [], NOW)
    assert list(schedule.items) == ["T0BIG"]


def test_a_single_workspace_deploy_has_nothing_to_schedule() -> None:
    with pytest.raises(ValueError, match="workspace id"):
        uninstalled(MemorySchedule(), "", NOW, timedelta(days=30))
