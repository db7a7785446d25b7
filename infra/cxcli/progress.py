"""A one-line progress bar for long commands: done/total, rate and time left; silent when not on a terminal.

No library: tqdm or rich would do it, but this is all the CLI needs (one line, redrawn at most ten
times a second, on stderr so that piped output stays clean).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 24
REDRAW_SECONDS = 0.1


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Bar:
    def __init__(
        self, label: str, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic, unit: str = "conv"
    ) -> None:
        self.label, self.total, self.stream, self.clock, self.unit = label, total, stream, clock, unit
        self.done = 0
        self.started = clock()
        self._drawn = 0.0

    def line(self) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        fraction = self.done / self.total if self.total else 1.0
        filled = int(WIDTH * fraction)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else None
        eta = "done" if self.done >= self.total else (f"{_duration(left)} left" if left is not None else "…")
        return (
            f"  {self.label:<9} [{'#' * filled}{'.' * (WIDTH - filled)}] {self.done:,}/{self.total:,} "
            f"{fraction:4.0%}  {rate:,.0f} {self.unit}/s  {eta}"
        )

    def advance(self, count: int) -> None:
        self.done = min(self.total, self.done + count)
        now = self.clock()
        if self.done >= self.total or now - self._drawn >= REDRAW_SECONDS:
            self._drawn = now
            self.stream.write("\r" + self.line() + ("\n" if self.done >= self.total else ""))
            self.stream.flush()


def terminal_tracker(stream: TextIO | None = None) -> Callable[[str, int], Callable[[int], None]]:
    """A tracker for `Pipeline.process` and the other long jobs: one bar per phase, on a terminal only."""
    out = stream if stream is not None else sys.stderr

    def track(label: str, total: int) -> Callable[[int], None]:
        if not out.isatty() or total <= 0:
            return lambda count: None
        return Bar(label, total, out).advance

    return track
