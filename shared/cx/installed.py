"""Which workspaces may be written to: none named in a single-workspace deploy, else one that installed the app.

Where workspaces have installed the app, a request's workspace comes from its credential (the workspace's ingest
key, or the help-desk route whose secret verified it), never from a parameter the sender chooses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cx.refreshing import Refreshing

KEYED_ROUTE = "/ingest/workspace"


class WorkspaceRefused(ValueError):
    """The request does not say which workspace in a way this deploy takes; the message says what to send."""


class InstalledCheck:
    def __init__(self, installed: Callable[[], Iterable[str]] | None, max_age: float = 60.0) -> None:
        """``installed``: the installed workspaces' ids (read at most every ``max_age`` s); None: one workspace."""
        self._known = Refreshing(lambda: set(installed()), max_age) if installed is not None else None

    def _all(self) -> set[str]:
        return self._known.get() if self._known is not None else set()

    @property
    def several(self) -> bool:
        """Workspaces have installed the app: each is written to only with its own credential."""
        return bool(self._all())

    def has(self, workspace: str) -> bool:
        return workspace in self._all()

    def single(self, asked: str | None) -> str:
        """The single workspace ("") of a route with one credential for the deploy; refused where several are."""
        if self.several:
            raise WorkspaceRefused(
                f"this deploy serves several workspaces: post to {KEYED_ROUTE} with the workspace's ingest key "
                "(Authorization: Bearer cxk_…; an admin issues it with `cx workspace ingest-key issue`)"
            )
        if asked:
            raise WorkspaceRefused(
                f"workspace={asked[:40]!r}: no workspace has installed the app here; send without ?workspace="
            )
        return ""
