"""The read ports of the aggregates and the stored cases, each declared once; readers that need several
combine them (``class DigestReader(ManyDayReader, RankedReader, Protocol)``). Adapters and fakes implement them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol

from cx.aggregation.counters import Counts
from cx.aggregation.keys import Segment
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation


class DayReader(Protocol):
    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]:
        """The counters of ``pk`` for each day from ``start`` to ``end`` that has any."""
        ...


class ManyDayReader(Protocol):
    def read_days_many(self, pks: Sequence[str], start: date, end: date) -> dict[str, dict[date, Counts]]:
        """``read_days`` for several pks at once (the store may read them in parallel)."""
        ...


class RankedReader(Protocol):
    def read_ranked(
        self, pks: Sequence[str], count: int | None, keep: Callable[[str], bool]
    ) -> dict[str, list[tuple[str, Counts]]]:
        """For each pk, its first ``count`` items (all when None) with counters whose sort key ``keep``
        accepts, in sort key order."""
        ...


class SegmentReader(Protocol):
    def segments(self, dimension: str | None = None) -> set[Segment]:
        """The journey slices (journey, dimension, value) that have items."""
        ...


class CubeReader(Protocol):
    def read_sk_range(self, pk: str, low: str, high: str) -> list[tuple[str, Counts]]:
        """Items of ``pk`` whose sort key is between ``low`` and ``high`` (the cube cells of `/cx why`)."""
        ...


class JourneyCatalog(Protocol):
    def known_journeys(self) -> set[str]: ...


class CaseContactsReader(Protocol):
    def case_contacts(self, case_id: str) -> list[tuple[Conversation, Evaluation | None]]:
        """A case's contacts, each with its latest evaluation (None: not scored)."""
        ...
