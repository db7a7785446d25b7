"""Work on items with a bounded number of threads, starting each item only while there is time for it.

The model API answers one conversation in seconds; scoring a batch one call at a time leaves the function
waiting. ``bounded`` keeps ``workers`` calls in flight; each worker asks ``may_start`` before it takes the
next item, so items that could not finish in time are never started and come back as ``NOT_STARTED``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class NotStarted:
    """An item left alone because ``may_start`` said no (out of time): retry it later."""

    def __repr__(self) -> str:
        return "NOT_STARTED"


NOT_STARTED = NotStarted()


def bounded(
    items: Sequence[T],
    work: Callable[[T], R],
    workers: int,
    may_start: Callable[[], bool] = lambda: True,
) -> list[R | BaseException | NotStarted]:
    """``work(item)`` for each item, at most ``workers`` at a time, in the items' order: its result, the exception
    it raised, or NOT_STARTED. Once ``may_start`` has said no, no later item is started."""
    out: list[R | BaseException | NotStarted] = [NOT_STARTED] * len(items)
    lock, state = threading.Lock(), {"next": 0, "stopped": False}

    def worker() -> None:
        while True:
            with lock:
                if state["stopped"] or state["next"] >= len(items):
                    return
                if not may_start():
                    state["stopped"] = True
                    return
                index = int(state["next"])
                state["next"] = index + 1
            try:
                out[index] = work(items[index])
            except Exception as exc:  # each item's failure is its own; the others go on
                out[index] = exc

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(items) or 1))) as pool:
        for _ in range(max(1, min(workers, len(items) or 1))):
            pool.submit(worker)
    return out
