"""Who has a Home tab to keep fresh, and when it may be published again.

A Home tab is published when its user opens it and, after a fold of new evaluations, again for each user who has
opened it, at most once every ``REFRESH_EVERY`` per user. The throttle is one conditional write per user in the
store (published only if the last publish is older than the window), so two folds in the same minutes, in two
Lambda invocations at once, publish once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime, timedelta

REFRESH_EVERY = timedelta(minutes=5)


class HomeViewers(ABC):
    """The users whose Home tab the app publishes, and the time each was last refreshed after a fold."""

    @abstractmethod
    def opened(self, user_id: str) -> None:
        """Remember that ``user_id`` has a Home tab (it is refreshed after folds from now on)."""

    @abstractmethod
    def viewers(self) -> list[str]: ...

    @abstractmethod
    def claim(self, user_id: str, now: datetime, every: timedelta) -> bool:
        """Record a refresh at ``now`` if the last one is older than ``every``; False when it is not (no write)."""


def due_homes(homes: HomeViewers, now: datetime, every: timedelta = REFRESH_EVERY) -> list[str]:
    """The users whose Home tab to publish after a fold: each claimed, so no other fold publishes it too."""
    return [user for user in homes.viewers() if homes.claim(user, now, every)]
