"""How long the current invocation has left, for calls that must not outlive it.

The score function sets it from the Lambda context at the start of each invocation (``until``); the Claude
scorer reads it before each call and retry, so that a call that cannot finish in time is not started: the
record is reported as a batch item failure and retried from the queue, instead of the function timing out
with the whole batch. Shared by the threads scoring one batch; None outside an invocation (the CLI).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

_lock = threading.Lock()
_seconds_left: Callable[[], float] | None = None


class OutOfTime(Exception):
    """Not enough of the invocation is left to start this call."""


def until(seconds_left: Callable[[], float] | None) -> None:
    """Set (or with None clear) the invocation's remaining time in seconds."""
    global _seconds_left
    with _lock:
        _seconds_left = seconds_left


def seconds_left() -> float | None:
    with _lock:
        read = _seconds_left
    return None if read is None else read()
