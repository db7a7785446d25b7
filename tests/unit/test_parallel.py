"""cx.parallel: results in order, the first failure raised, parts that read in parallel inside parts that run
at once without ever waiting for work queued behind them, and no thread started per call."""

from __future__ import annotations

import threading
import time

import pytest

from cx import parallel
from cx.parallel import PARTS, READERS, each, together


def test_each_keeps_the_items_order_and_runs_them_at_once() -> None:
    running, most = [0], [0]
    lock = threading.Lock()

    def work(n: int) -> int:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.01)  # long enough for the others to start: not a wait for a result
        with lock:
            running[0] -= 1
        return n * n

    assert each(work, range(40)) == [n * n for n in range(40)]
    assert 1 < most[0] <= READERS + 1  # the pool's threads, and the caller, which runs what they have not taken


def test_the_first_failure_is_raised_after_every_item_has_run() -> None:
    ran: list[int] = []

    def work(n: int) -> int:
        ran.append(n)
        if n in (3, 5):
            raise ValueError(f"item {n}")
        return n

    with pytest.raises(ValueError, match="item 3"):
        each(work, range(8))
    assert sorted(ran) == list(range(8))


def test_parts_that_read_in_parallel_inside_parts_never_deadlock() -> None:
    """Three levels, more parts than the part pool has threads and more reads than the reader pool has: every
    thread that waits runs what nobody has taken yet, so the pools cannot fill with waiting threads."""

    def read(n: int) -> int:
        return n + 1

    def part(k: int) -> list[int]:
        inner = together(*(lambda j=j: sum(each(read, range(j, j + 3 * READERS))) for j in range(PARTS)))
        return [k, *inner]

    done: list[list[list[int]]] = []
    worker = threading.Thread(target=lambda: done.append(together(*(lambda k=k: part(k) for k in range(3 * PARTS)))))
    worker.start()
    worker.join(timeout=120)  # generous: a deadlock never ends, the work takes milliseconds

    assert not worker.is_alive(), "deadlocked"
    expected = [sum(range(j + 1, j + 1 + 3 * READERS)) for j in range(PARTS)]
    assert done == [[[k, *expected] for k in range(3 * PARTS)]]


def test_no_thread_is_started_per_call() -> None:
    """The same few threads do every call's work (a pool per call would start new ones, with new names)."""
    names: set[str] = set()

    def work(n: int) -> int:
        names.add(threading.current_thread().name)
        time.sleep(0.001)
        return n

    for _ in range(30):
        each(work, range(2 * READERS))
        together(*(lambda: each(work, range(READERS)) for _ in range(PARTS)))

    assert len(names) <= READERS + PARTS + 1  # the pools' threads and the caller's
    assert set(parallel._pools) == {"reader", "part"}
