"""The aggregates read port with a counter: which pk (and which day range) an answer read, and how often."""

from __future__ import annotations

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

    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]:
        self.reads[("days", pk)] += 1
        return self.inner.read_days_many([pk], start, end).get(pk, {})

    def read_days_many(self, pks: Sequence[str], start: date, end: date) -> dict[str, dict[date, Counts]]:
        for pk in pks:
            self.reads[("days", pk)] += 1
        return self.inner.read_days_many(pks, start, end)

    def read_ranked(
        self, pks: Sequence[str], count: int | None, keep: Callable[[str], bool]
    ) -> dict[str, list[tuple[str, Counts]]]:
        for pk in pks:
            self.reads[("ranked", pk)] += 1
        return self.inner.read_ranked(pks, count, keep)

    def segments(self, dimension: str | None = None) -> set[Segment]:
        self.reads[("segments", dimension or "")] += 1
        return self.inner.segments(dimension)

    def read_sk_range(self, pk: str, low: str, high: str) -> list[tuple[str, Counts]]:
        self.reads[("sk_range", f"{pk} {low}..{high}")] += 1
        return self.inner.read_sk_range(pk, low, high)

    def known_journeys(self) -> set[str]:
        self.reads[("journeys", "")] += 1
        return self.inner.known_journeys()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def twice(self) -> dict[tuple[str, str], int]:
        """What was read more than once."""
        return {key: n for key, n in self.reads.items() if n > 1}
