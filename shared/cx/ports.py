"""What the domain needs from storage. Adapters (DynamoDB, in-memory fakes) implement these."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cx.aggregation.case_state import CaseState
from cx.aggregation.contribution import Applied
from cx.aggregation.counters import Counts
from cx.aggregation.fold import FoldPlan
from cx.aggregation.keys import AggKey, Segment
from cx.calibration.labels import Label
from cx.calibration.promotion import Promotion
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.performance.rows import PerformanceRows
from cx.reads import JourneyCatalog, ManyDayReader, RankedReader, SegmentReader


class ConflictError(Exception):
    """Someone else changed the same conversation or case first: re-read and plan again."""


@dataclass(frozen=True)
class Scored:
    """A conversation with the outcome of scoring it: an evaluation, or the reason there is none."""

    conversation: Conversation
    evaluation: Evaluation | None
    failure: str | None = None


@dataclass(frozen=True)
class Stored:
    """A conversation as stored: its JSON and the evaluation it carries now."""

    conversation_json: str
    evaluation: Evaluation | None


class ConversationStore(Protocol):
    def current(self, conversation_ids: Iterable[str]) -> dict[str, Stored]: ...

    def save(self, results: Iterable[Scored]) -> None:
        """Store each conversation with its latest evaluation (or its failure, kept for re-drive)."""
        ...

    def get_conversation(self, conversation_id: str) -> Conversation | None: ...

    def scan_conversations(self) -> Iterator[Conversation]: ...


class EvaluationStore(Protocol):
    def put_evaluations(self, evaluations: Iterable[Evaluation]) -> None: ...

    def latest_evaluation(self, conversation_id: str) -> Evaluation | None: ...

    def scan_latest_evaluations(self) -> Iterator[Evaluation]:
        """The most recent published evaluation of every conversation."""
        ...


class AggregateStore(PerformanceRows, ManyDayReader, RankedReader, JourneyCatalog, SegmentReader, Protocol):
    """The aggregates: the ledger and case states the fold guards with, the counters, the catalog; and every read."""

    def applied(self, conversation_ids: Iterable[str]) -> dict[str, Applied]:
        """The ledger: what each conversation currently contributes."""
        ...

    def scan_applied(self) -> Iterator[Applied]:
        """Every ledger entry (a maintenance read: `cx rebuild` counts expired transcripts from it)."""
        ...

    def case_states(self, case_ids: Iterable[str]) -> dict[str, CaseState]: ...

    def apply(self, plan: FoldPlan) -> None:
        """Commit the plan's ledger entries and case states atomically, each only from what the plan read, or
        raise ConflictError having changed nothing; then apply its increments, each exactly once (a store may
        record them with the commit and finish applying them later, see ``finish_pending``)."""
        ...

    def finish_pending(self, conversation_ids: Iterable[str]) -> int:
        """Finish applying the increments committed with these conversations' ledger entries, if an
        interrupted fold left them unfinished; returns how many commits were finished."""
        ...

    def read_all(self) -> dict[AggKey, Counts]: ...

    def replace_all(self, expected: dict[AggKey, Counts], ledger: Sequence[Applied] = ()) -> None:
        """Overwrite the counters with ``expected`` (used by a rebuild after a reported difference), and the
        ledger entries of ``ledger``: what each of those conversations now contributes to ``expected``."""
        ...

    def note_journeys(self, journeys: set[str]) -> None: ...

    def note_segments(self, segments: set[Segment]) -> None: ...


class BulkAggregateStore(AggregateStore, Protocol):
    """An aggregate store that can apply a plan of any size while nobody else folds into it (bulk loads)."""

    def exclusive(self) -> AbstractContextManager[None]:
        """Hold the store for a load; first complete, or discard, what an interrupted load left."""
        ...

    def apply_bulk(self, plan: FoldPlan) -> int:
        """Apply the whole plan, all or nothing even across a crash; return the items written."""
        ...


class LabelSink(Protocol):
    def put_labels(self, labels: Iterable[Label]) -> int: ...


class LabelStore(LabelSink, Protocol):
    """Human labels; every label kept, a reviewer's later label counting instead of their earlier one."""

    def labels_for(self, conversation_id: str) -> list[Label]: ...

    def scan_labels(self) -> Iterator[Label]: ...

    def labels_since(self, cutoff: datetime, now: datetime) -> list[Label]:
        """The labels given from ``cutoff`` to ``now``, read by day (no scan)."""
        ...


class EvaluationHistory(Protocol):
    def evaluations_of(self, conversation_id: str) -> list[Evaluation]:
        """Every evaluation of a conversation, published or not (shadow scorers' included)."""
        ...


class PromotionStore(Protocol):
    def active(self) -> Promotion | None: ...

    def record(self, promotion: Promotion) -> None: ...

    def history(self) -> list[Promotion]: ...
