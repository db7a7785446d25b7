"""Which workspaces may be written to: none named in a single-workspace deploy, else one that installed the app.

Where workspaces have installed the app, a request's workspace comes from its credential (the workspace's ingest
key, or the help-desk route whose secret verified it), never from a parameter the sender chooses.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from cx.refreshing import Refreshing

KEYED_ROUTE = "/ingest/workspace"


class WorkspaceRefused(ValueError):
    """The request does not say which workspace in a way this deploy takes; the message says what to send."""


class InstalledCheck:
    def __init__(
        self,
        installed: Callable[[], Iterable[str]] | None,
        max_age: float = 60.0,
        miss_age: float = 5.0,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        """``installed``: the installed workspaces' ids (read at most every ``max_age`` s); None: one workspace.

        A workspace not in the list read is looked for again in a list at most ``miss_age`` s old, so one that
        installed the app a moment ago is not refused for a minute, and unknown ids cost at most a read each
        ``miss_age`` s.
        """
        self._known = Refreshing(lambda: set(installed()), max_age, now) if installed is not None else None
        self._miss_age = miss_age

    def _all(self) -> set[str]:
        return self._known.get() if self._known is not None else set()

    @property
    def several(self) -> bool:
        """Workspaces have installed the app: each is written to only with its own credential."""
        return bool(self._all())

    def has(self, workspace: str) -> bool:
        """For unauthenticated routes: a missing id is looked for again at most every ``miss_age`` s."""
        return self._has(workspace, self._miss_age)

    def has_now(self, workspace: str) -> bool:
        """For a credential that named its workspace (an ingest key found): a missing id is looked for again."""
        return self._has(workspace, 0.0)

    def _has(self, workspace: str, miss_age: float) -> bool:
        if workspace in self._all():
            return True
        return self._known is not None and workspace in self._known.younger_than(miss_age)

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
