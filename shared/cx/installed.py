"""Which workspace an ingest request is for: none in a single-workspace deploy, else one that installed the app."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cx.refreshing import Refreshing


class WorkspaceRefused(ValueError):
    """The request names no workspace, or one that has not installed the app; the message says what to send."""


class InstalledCheck:
    def __init__(self, installed: Callable[[], Iterable[str]] | None, max_age: float = 60.0) -> None:
        """``installed``: the installed workspaces' ids (read at most every ``max_age`` s); None: one workspace."""
        self._known = Refreshing(lambda: set(installed()), max_age) if installed is not None else None

    def workspace(self, asked: str | None) -> str:
        known = self._known.get() if self._known is not None else set()
        if not known:
            if asked:
                raise WorkspaceRefused(
                    f"workspace={asked!r}: no workspace has installed the app here; send without ?workspace="
                )
            return ""
        if not asked:
            raise WorkspaceRefused("say which workspace this is for: ?workspace=<Slack team id, or enterprise id>")
        if asked not in known:
            raise WorkspaceRefused(f"workspace={asked!r} has not installed the app (Add to Slack: /slack/install)")
        return asked
