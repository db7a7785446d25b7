"""Reads in parallel on threads kept for the life of the process, not started for every read.

An answer reads a few hundred partitions, a few at a time, in several rounds (a window, its cube, its case
index, each digest mover's). A ``ThreadPoolExecutor`` per round started up to eight threads for each and
joined them after: on a loaded 2-core machine a thread's start waited for the scheduler (about 6 ms each,
a third of a second a digest). Here two process-wide pools do that work:

- ``each(work, items)``: ``work(item)`` for every item, ``READERS`` threads at once (the reads, and a bulk
  load's lanes of batch writes);
- ``together(*parts)``: independent parts of one answer (its window, cube and case reads; the digest's
  movers and review picks) at once, each free to call ``each`` or ``together`` again.

The caller never waits for work that has not started: it runs every item no thread has taken yet itself,
in order, then waits only for those already running. So a thread of either pool may wait for work on
either pool (a mover reading its window), and no pool fills with threads waiting for work queued behind them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")

READERS = 8  # reads in flight at once, per process (plus the threads waiting for them, which help)
PARTS = 8  # independent parts of answers at once, per process

_lock = threading.Lock()
_pools: dict[str, ThreadPoolExecutor] = {}


class _Task(Generic[R]):
    """One call, run once, by whichever thread claims it first."""

    def __init__(self, call: Callable[[], R]) -> None:
        self._call, self._claimed, self.done = call, threading.Lock(), threading.Event()
        self.result: R | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        if not self._claimed.acquire(blocking=False):
            return  # another thread has it
        try:
            self.result = self._call()
        except BaseException as exc:  # re-raised in the caller's thread
            self.error = exc
        finally:
            self.done.set()


def _pool(name: str, workers: int) -> ThreadPoolExecutor:
    with _lock:
        if name not in _pools:
            _pools[name] = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"cx-{name}")
        return _pools[name]


def _run(pool: str, workers: int, calls: Sequence[Callable[[], R]]) -> list[R]:
    tasks = [_Task(call) for call in calls]
    if len(tasks) > 1:
        executor = _pool(pool, workers)
        for task in tasks[1:]:
            executor.submit(task.run)
    for task in tasks:  # what no thread has taken yet, this one runs itself
        task.run()
    for task in tasks:
        task.done.wait()
    for task in tasks:
        if task.error is not None:
            raise task.error
    return [cast(R, task.result) for task in tasks]  # each ran without error: its result is set


def each(work: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``[work(item) for item in items]``, up to ``READERS`` at once; the first item's exception is raised."""
    return _run("reader", READERS, [partial(work, item) for item in items])


def together(*parts: Callable[[], Any]) -> list[Any]:
    """Each part's result, in order, the parts run at once; the first part's exception is raised."""
    return _run("part", PARTS, parts)
