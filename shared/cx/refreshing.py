"""A value read again at most once a minute: how functions see configuration changes without a redeploy."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Refreshing(Generic[T]):
    """A value read again at most every ``max_age`` seconds: functions see configuration changes within a minute."""

    def __init__(self, read: Callable[[], T], max_age: float = 60.0, now: Callable[[], float] = time.monotonic):
        self._read, self._max_age, self._now = read, max_age, now
        self._value: T | None = None
        self._read_at = float("-inf")

    def get(self) -> T:
        return self.younger_than(self._max_age)

    def younger_than(self, max_age: float) -> T:
        """The value, read again if it was read ``max_age`` seconds ago or more (a miss may mean it changed)."""
        if self._value is None or self._now() - self._read_at >= max_age:
            self._value, self._read_at = self._read(), self._now()
        return self._value
