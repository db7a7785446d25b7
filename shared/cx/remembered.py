"""What one answer has read, kept for the rest of that answer: a reader that never reads the same thing twice.

The digest reads each journey's ten weeks for its trend, then explains each mover, which reads the journey's
last two periods and its channels again, and the slice catalogue once a mover; `/cx why all` reads the catalogue
for its window and again for its examples. Wrapped in ``Remembered``, a day range already read for a pk is served
from memory (any range inside it), and the catalogue and known journeys are read once. It lives for one answer
only: nothing goes stale between answers. The parts of an answer may read through it at once (``cx.parallel``);
they read different items, but the same catalogue, which is read once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol

from cx.aggregation.counters import Counts
from cx.aggregation.keys import Segment
from cx.reads import CubeReader, JourneyCatalog, ManyDayReader, RankedReader, SegmentReader


class Readable(ManyDayReader, RankedReader, SegmentReader, CubeReader, JourneyCatalog, Protocol):
    """The aggregates reads an answer (the digest, `/cx why`) makes."""


class Remembered:
    """``inner``'s reads, each made once for the life of this object (one answer)."""

    def __init__(self, inner: Readable) -> None:
        self._inner = inner
        self._days: dict[str, tuple[date, date, dict[date, Counts]]] = {}  # pk -> (start, end, its days)
        self._segments: dict[str | None, set[Segment]] = {}
        self._journeys: set[str] | None = None
        self._ranges: dict[tuple[str, str, str], list[tuple[str, Counts]]] = {}
        self._lock = threading.Lock()

    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]:
        return self.read_days_many([pk], start, end).get(pk, {})

    def read_days_many(self, pks: Sequence[str], start: date, end: date) -> dict[str, dict[date, Counts]]:
        missing = [pk for pk in dict.fromkeys(pks) if not self._covers(pk, start, end)]
        if missing:
            for pk, days in self._inner.read_days_many(missing, start, end).items():
                self._days[pk] = (start, end, days)
            for pk in missing:
                self._days.setdefault(pk, (start, end, {}))
                if self._days[pk][:2] != (start, end):  # read before over another range: now this one
                    self._days[pk] = (start, end, {})
        out: dict[str, dict[date, Counts]] = {}
        for pk in pks:
            days = {d: c for d, c in self._days[pk][2].items() if start <= d <= end}
            if days:
                out[pk] = days
        return out

    def _covers(self, pk: str, start: date, end: date) -> bool:
        held = self._days.get(pk)
        return held is not None and held[0] <= start and end <= held[1]

    def read_ranked(
        self, pks: Sequence[str], count: int | None, keep: Callable[[str], bool]
    ) -> dict[str, list[tuple[str, Counts]]]:
        return self._inner.read_ranked(pks, count, keep)  # a filter function: nothing to key a memory on

    def segments(self, dimension: str | None = None) -> set[Segment]:
        with self._lock:  # the parts of an answer run at once (cx.parallel): one of them reads it
            return self._segments_of(dimension)

    def _segments_of(self, dimension: str | None) -> set[Segment]:
        if dimension not in self._segments:
            if None in self._segments:  # the whole catalogue is held: a dimension of it needs no read
                self._segments[dimension] = {s for s in self._segments[None] if s[1] == dimension}
            else:
                self._segments[dimension] = self._inner.segments(dimension)
        return self._segments[dimension]

    def read_sk_range(self, pk: str, low: str, high: str) -> list[tuple[str, Counts]]:
        key = (pk, low, high)
        if key not in self._ranges:
            self._ranges[key] = self._inner.read_sk_range(pk, low, high)
        return self._ranges[key]

    def known_journeys(self) -> set[str]:
        with self._lock:
            if self._journeys is None:
                self._journeys = self._inner.known_journeys()
            return self._journeys
