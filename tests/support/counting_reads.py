"""The aggregates read port with a counter: which pk (and which day range) an answer read, and how often."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from cx.aggregation.counters import Counts
from cx.aggregation.keys import Segment
from cx.remembered import Readable


class CountingReads:
    """``inner`` (a ReportStore) whose reads are counted by (method, pk); anything else passes through."""

    def __init__(self, inner: Readable) -> None:
        self.inner = inner
        self.reads: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()  # an answer's parts read at once (cx.parallel): no count may be lost

    def _count(self, *keys: tuple[str, str]) -> None:
        with self._lock:
            self.reads.update(keys)

    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]:
        self._count(("days", pk))
        return self.inner.read_days_many([pk], start, end).get(pk, {})

    def read_days_many(self, pks: Sequence[str], start: date, end: date) -> dict[str, dict[date, Counts]]:
        self._count(*(("days", pk) for pk in pks))
        return self.inner.read_days_many(pks, start, end)

    def read_ranked(
        self, pks: Sequence[str], count: int | None, keep: Callable[[str], bool]
    ) -> dict[str, list[tuple[str, Counts]]]:
        self._count(*(("ranked", pk) for pk in pks))
        return self.inner.read_ranked(pks, count, keep)

    def segments(self, dimension: str | None = None) -> set[Segment]:
        self._count(("segments", dimension or ""))
        return self.inner.segments(dimension)

    def read_sk_range(self, pk: str, low: str, high: str) -> list[tuple[str, Counts]]:
        self._count(("sk_range", f"{pk} {low}..{high}"))
        return self.inner.read_sk_range(pk, low, high)

    def known_journeys(self) -> set[str]:
        self._count(("journeys", ""))
        return self.inner.known_journeys()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def twice(self) -> dict[tuple[str, str], int]:
        """What was read more than once."""
        return {key: n for key, n in self.reads.items() if n > 1}
