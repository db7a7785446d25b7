"""Where the workspace configuration is kept (the port), and reading and changing it there."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from cx.workspace.changes import apply_changes, parse_assignments
from cx.workspace.config import Change, WorkspaceConfig


class WorkspaceStore(Protocol):
    def current(self) -> WorkspaceConfig | None: ...

    def history(self) -> list[Change]: ...

    def save(self, config: WorkspaceConfig, changes: list[Change], expected_version: int | None) -> None:
        """Store ``config`` and its history entries atomically, if the stored version is still the expected
        one (None: nothing stored yet); else raise ``ConfigConflict``."""
        ...

    def record(self, changes: list[Change]) -> None:
        """History entries for changes kept elsewhere (the roles)."""
        ...


class ConfigConflict(Exception):
    """Someone changed the configuration at the same time: read it again and retry."""


def load(store: WorkspaceStore, fallback: WorkspaceConfig, at: datetime, create: bool = True) -> WorkspaceConfig:
    """The stored configuration; on first use, ``fallback`` (the deploy defaults), stored and recorded when
    ``create`` (readers without write access pass False and use the defaults until someone stores them)."""
    stored = store.current()
    if stored is not None:
        return stored
    if not create:
        return fallback
    created = fallback.model_copy(update={"version": 1})
    entry = Change(key="*", before="none", after="deploy defaults", by="deploy", at=at)
    try:
        store.save(created, [entry], expected_version=None)
    except ConfigConflict:  # another function created it first
        return store.current() or created
    return created


def change_settings(
    store: WorkspaceStore, fallback: WorkspaceConfig, words: list[str], by: str, at: datetime
) -> tuple[WorkspaceConfig, list[Change]]:
    """Validate and store `key=value` changes by ``by``; InvalidSetting says what to fix, and nothing is stored."""
    assignments = parse_assignments(words)
    for _ in range(3):
        config = load(store, fallback, at)
        new, changes = apply_changes(config, assignments, by, at)
        if not changes:
            return config, []
        try:
            store.save(new, changes, expected_version=config.version)
            return new, changes
        except ConfigConflict:
            continue
    raise ConfigConflict("the configuration kept changing while saving; try again")
