"""In-memory stand-ins for the storage ports. Each subclasses its port, so a changed port breaks its fake."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date

from cx.aggregation.case_state import CaseState
from cx.aggregation.contribution import Applied
from cx.aggregation.counters import Counts, add, nonzero
from cx.aggregation.fold import FoldPlan
from cx.aggregation.keys import CASE_SK, AggKey, Segment
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ports import BulkAggregateStore, ConflictError, ConversationStore, EvaluationStore, Scored, Stored
from cx.reads import DayReader


def _clean(counts: dict[AggKey, Counts]) -> dict[AggKey, Counts]:
    cleaned = {key: nonzero(c) for key, c in counts.items()}
    return {key: c for key, c in cleaned.items() if c}


class FakeAggregateStore(BulkAggregateStore):
    """Ledger, case states and counters in dicts; ``apply`` checks the plan's guards and is all or nothing."""

    def __init__(self) -> None:
        self.ledger: dict[str, Applied] = {}
        self.cases: dict[str, CaseState] = {}
        self.counters: dict[AggKey, Counts] = {}
        self.journeys: set[str] = set()
        self.catalog: set[Segment] = set()
        self.applied_plans: list[FoldPlan] = []
        self.ranked_reads: list[tuple[list[str], int | None]] = []
        self.conflicts_to_raise = 0
        self.before_next_apply: Callable[[], None] | None = None
        self.bulk_plans: list[FoldPlan] = []
        self.held = 0  # how many loads hold the store now
        self.die_after_next_commit = False  # as a process killed between its commit and its increments
        self.pending: list[FoldPlan] = []  # committed plans whose increments are not applied yet

    def applied(self, conversation_ids: Iterable[str]) -> dict[str, Applied]:
        return {c: self.ledger[c] for c in conversation_ids if c in self.ledger}

    def scan_applied(self) -> Iterator[Applied]:
        yield from self.ledger.values()

    def case_states(self, case_ids: Iterable[str]) -> dict[str, CaseState]:
        return {c: self.cases[c] for c in case_ids if c in self.cases}

    def apply(self, plan: FoldPlan) -> None:
        if (interleave := self.before_next_apply) is not None:
            self.before_next_apply = None
            interleave()  # another writer gets in first
        if self.conflicts_to_raise:
            self.conflicts_to_raise -= 1
            raise ConflictError("injected")
        for conversation_id, entry in plan.ledger.items():
            held = self.ledger.get(conversation_id)
            if (held.fingerprint if held else None) != entry.expected_previous:
                raise ConflictError(f"ledger of {conversation_id} changed")
        for case_id, update in plan.cases.items():
            held_version = self.cases[case_id].version if case_id in self.cases else 0
            if held_version != update.before.version:
                raise ConflictError(f"case {case_id} changed")
        for conversation_id, entry in plan.ledger.items():
            self.ledger[conversation_id] = entry.applied
        for case_id, update in plan.cases.items():
            self.cases[case_id] = update.after
        if self.die_after_next_commit:
            self.die_after_next_commit = False
            self.pending.append(plan)
            raise RuntimeError("injected: killed after the commit")
        self._increment(plan)
        self.applied_plans.append(plan)

    def _increment(self, plan: FoldPlan) -> None:
        for key, counts in plan.increments.items():
            add(self.counters.setdefault(key, {}), counts)
            if not (cleaned := nonzero(self.counters[key])):  # only the touched keys: large folds stay linear
                del self.counters[key]
            else:
                self.counters[key] = cleaned

    def finish_pending(self, conversation_ids: Iterable[str]) -> int:
        ids = set(conversation_ids)
        mine = [plan for plan in self.pending if ids & set(plan.ledger)]
        for plan in mine:
            self.pending.remove(plan)
            self._increment(plan)
            self.applied_plans.append(plan)
        return len(mine)

    def exclusive(self) -> AbstractContextManager[None]:
        store = self

        class Holding:
            def __enter__(self) -> None:
                store.held += 1

            def __exit__(self, *exc: object) -> None:
                store.held -= 1

        return Holding()

    def apply_bulk(self, plan: FoldPlan) -> int:
        assert self.held, "a bulk plan is applied only while the store is held"
        self.apply(plan)
        self.bulk_plans.append(plan)
        return plan.write_count()

    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]:
        out = {}
        for (key_pk, sk), counts in self.counters.items():
            if key_pk == pk and sk != CASE_SK and start <= date.fromisoformat(sk) <= end:
                out[date.fromisoformat(sk)] = dict(counts)
        return out

    def read_days_many(self, pks: Sequence[str], start: date, end: date) -> dict[str, dict[date, Counts]]:
        out: dict[str, dict[date, Counts]] = {pk: {} for pk in pks}  # one pass over the counters, however many pks
        low, high = start.isoformat(), end.isoformat()
        for (key_pk, sk), counts in self.counters.items():
            if key_pk in out and sk != CASE_SK and low <= sk <= high and len(sk) == len(low):
                out[key_pk][date.fromisoformat(sk)] = dict(counts)
        return out

    def read_ranked(
        self, pks: Sequence[str], count: int | None, keep: Callable[[str], bool]
    ) -> dict[str, list[tuple[str, Counts]]]:
        self.ranked_reads.append((list(pks), count))
        out = {}
        for pk in pks:
            items = sorted((sk, dict(c)) for (key_pk, sk), c in self.counters.items() if key_pk == pk and keep(sk))
            out[pk] = items if count is None else items[:count]
        return out

    def read_sk_range(self, pk: str, low: str, high: str) -> list[tuple[str, Counts]]:
        return sorted((sk, dict(c)) for (key_pk, sk), c in self.counters.items() if key_pk == pk and low <= sk <= high)

    def read_newest(self, pk: str, count: int) -> list[tuple[str, Counts]]:
        items = sorted(((sk, dict(c)) for (key_pk, sk), c in self.counters.items() if key_pk == pk), reverse=True)
        return items[:count]

    def read_all(self) -> dict[AggKey, Counts]:
        return {key: dict(counts) for key, counts in self.counters.items()}

    def replace_all(self, expected: dict[AggKey, Counts], ledger: Sequence[Applied] = ()) -> None:
        self.counters = _clean({key: dict(counts) for key, counts in expected.items()})
        self.ledger |= {a.conversation_id: a for a in ledger}

    def known_journeys(self) -> set[str]:
        return set(self.journeys)

    def note_journeys(self, journeys: set[str]) -> None:
        self.journeys |= journeys

    def segments(self, dimension: str | None = None) -> set[Segment]:
        return {s for s in self.catalog if dimension is None or s[1] == dimension}

    def note_segments(self, segments: set[Segment]) -> None:
        self.catalog |= segments


class FakeDayReader(DayReader):
    """Daily counters per pk; answers only the days asked for and remembers each question."""

    def read_days_many(self, pks: Sequence[str], start: date, end: date) -> dict[str, dict[date, Counts]]:
        return {pk: self.read_days(pk, start, end) for pk in pks}

    def __init__(self, days: dict[str, dict[date, Counts]]) -> None:
        self.days = days
        self.calls: list[tuple[str, date, date]] = []

    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]:
        self.calls.append((pk, start, end))
        return {d: dict(c) for d, c in self.days.get(pk, {}).items() if start <= d <= end}


class FakeConversationStore(ConversationStore):
    """Conversations as their JSON with the evaluation each carries, and the failure reasons kept for re-drive."""

    def __init__(self) -> None:
        self.stored: dict[str, Stored] = {}
        self.failures: dict[str, str] = {}
        self.saves = 0

    def current(self, conversation_ids: Iterable[str]) -> dict[str, Stored]:
        return {c: self.stored[c] for c in conversation_ids if c in self.stored}

    def save(self, results: Iterable[Scored]) -> None:
        self.saves += 1
        for result in results:
            json = result.conversation.model_dump_json(exclude_none=True)
            self.stored[result.conversation.id] = Stored(json, result.evaluation)
            if result.failure:
                self.failures[result.conversation.id] = result.failure
            else:
                self.failures.pop(result.conversation.id, None)

    def get_conversation(self, conversation_id: str) -> Conversation | None:
        found = self.stored.get(conversation_id)
        return Conversation.model_validate_json(found.conversation_json) if found else None

    def scan_conversations(self) -> Iterator[Conversation]:
        for found in self.stored.values():
            yield Conversation.model_validate_json(found.conversation_json)


class FakeEvaluationStore(EvaluationStore):
    """Every evaluation ever put, in order; the latest published one per conversation counts."""

    def __init__(self) -> None:
        self.put: list[Evaluation] = []

    def put_evaluations(self, evaluations: Iterable[Evaluation]) -> None:
        self.put += list(evaluations)

    def latest_evaluation(self, conversation_id: str) -> Evaluation | None:
        return next((e for e in reversed(self.put) if e.conversation_id == conversation_id and e.published), None)

    def scan_latest_evaluations(self) -> Iterator[Evaluation]:
        latest = {e.conversation_id: e for e in self.put if e.published}
        yield from latest.values()
