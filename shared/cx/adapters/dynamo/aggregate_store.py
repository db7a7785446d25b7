"""Aggregates, the per-conversation ledger and the case states in the Aggregates table."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from pydantic import TypeAdapter
from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from cx.adapters.dynamo.models import DynamoSettings, Models
from cx.aggregation.case_state import CaseState, ContactNote
from cx.aggregation.contribution import Applied
from cx.aggregation.counters import COUNTERS, Counts
from cx.aggregation.fold import CaseUpdate, FoldPlan
from cx.aggregation.keys import (
    CATALOG_JOURNEY,
    CATALOG_PK,
    LEDGER_SK,
    AggKey,
    Segment,
    case_id_of,
    case_key,
    catalog_journey_sk,
    catalog_segment_prefix,
    catalog_segment_sk,
    is_ledger_pk,
    journey_of_catalog_sk,
    ledger_key,
    segment_of_catalog_sk,
)
from cx.ports import ConflictError

_CONTACTS = TypeAdapter(dict[str, ContactNote])
READERS = 8  # parallel queries for reports that read one partition per day


def _counts(item: Any) -> Counts:
    return {name: float(v) for name in COUNTERS if (v := getattr(item, name, None))}


class DynamoAggregateStore:
    def __init__(self, models: Models, settings: DynamoSettings) -> None:
        self._m = models
        self._connection = Connection(region=settings.region, host=settings.host)
        self._noted: set[Segment] | None = None  # the catalog's slices as far as this process knows them

    def applied(self, conversation_ids: Iterable[str]) -> dict[str, Applied]:
        keys = [ledger_key(c) for c in set(conversation_ids)]
        found = self._m.ledger.batch_get(keys)
        return {(a := Applied.model_validate_json(item.body)).conversation_id: a for item in found}

    def scan_applied(self) -> Iterator[Applied]:
        """Every ledger entry: what each conversation ever folded contributes now."""
        for item in self._m.ledger.scan(self._m.ledger.sk == LEDGER_SK):
            yield Applied.model_validate_json(item.body)

    def case_states(self, case_ids: Iterable[str]) -> dict[str, CaseState]:
        keys = [case_key(c) for c in set(case_ids)]
        states = {}
        for item in self._m.aggregate.batch_get(keys):
            case_id = case_id_of(item.pk)
            contacts = _CONTACTS.validate_json(item.contacts) if item.contacts else {}
            states[case_id] = CaseState(case_id=case_id, contacts=contacts, version=int(item.version or 0))
        return states

    def apply(self, plan: FoldPlan) -> None:
        agg, ledger = self._m.aggregate, self._m.ledger
        try:
            with TransactWrite(connection=self._connection) as tx:
                for conversation_id, entry in plan.ledger.items():
                    item = ledger(
                        *ledger_key(conversation_id),
                        fingerprint=entry.applied.fingerprint,
                        body=entry.applied.model_dump_json(),
                    )
                    guard = (
                        ledger.pk.does_not_exist()
                        if entry.expected_previous is None
                        else ledger.fingerprint == entry.expected_previous
                    )
                    tx.save(item, condition=guard)
                cases = {case_key(c): u for c, u in plan.cases.items()}
                for key in set(plan.increments) | set(cases):
                    actions = [getattr(agg, f).add(v) for f, v in plan.increments.get(key, {}).items()]
                    condition = None
                    if (update := cases.get(key)) is not None:
                        actions += self._case_actions(update)
                        condition = (
                            agg.version.does_not_exist()
                            if update.before.version == 0
                            else agg.version == update.before.version
                        )
                    tx.update(agg(*key), actions=actions, condition=condition)
        except TransactWriteError as exc:
            if exc.cause_response_code == "TransactionCanceledException":
                raise ConflictError(str(exc)) from exc
            raise

    def _case_actions(self, update: CaseUpdate) -> list[Any]:
        agg, after = self._m.aggregate, update.after
        contacts = _CONTACTS.dump_json(after.contacts).decode()
        actions = [agg.contacts.set(contacts), agg.version.set(after.version)]
        for attr, value in (
            (agg.journey, after.journey),
            (agg.day, after.day.isoformat() if after.day else None),
            (agg.outcome, after.outcome.value if after.outcome else None),
        ):
            actions.append(attr.set(value) if value is not None else attr.remove())
        return actions

    def read_days(self, pk: str, start: date, end: date) -> dict[date, Counts]:
        items = self._m.aggregate.query(pk, self._m.aggregate.sk.between(start.isoformat(), end.isoformat()))
        return {date.fromisoformat(item.sk): _counts(item) for item in items}

    def read_days_many(self, pks: Sequence[str], start: date, end: date) -> dict[str, dict[date, Counts]]:
        with ThreadPoolExecutor(max_workers=min(READERS, max(1, len(pks)))) as pool:
            return dict(zip(pks, pool.map(lambda pk: self.read_days(pk, start, end), pks), strict=True))

    def read_ranked(
        self, pks: Sequence[str], count: int | None, keep: Callable[[str], bool]
    ) -> dict[str, list[tuple[str, Counts]]]:
        """Each pk's first ``count`` items that hold counters and pass ``keep``, in sort key order; the pks
        read in parallel, each page by page until it has enough."""
        with ThreadPoolExecutor(max_workers=min(READERS, max(1, len(pks)))) as pool:
            return dict(zip(pks, pool.map(lambda pk: self._ranked(pk, count, keep), pks), strict=True))

    def _ranked(self, pk: str, count: int | None, keep: Callable[[str], bool]) -> list[tuple[str, Counts]]:
        out: list[tuple[str, Counts]] = []
        page_size = None if count is None else 2 * count + 4  # rows of other days and emptied rows are skipped
        for item in self._m.aggregate.query(pk, page_size=page_size):
            if keep(item.sk) and (counts := _counts(item)):
                out.append((item.sk, counts))
                if count is not None and len(out) >= count:
                    break
        return out

    def read_sk_range(self, pk: str, low: str, high: str) -> list[tuple[str, Counts]]:
        """Items of ``pk`` whose sort key is between ``low`` and ``high`` (inclusive), with their counters."""
        items = self._m.aggregate.query(pk, self._m.aggregate.sk.between(low, high))
        return [(item.sk, counts) for item in items if (counts := _counts(item))]

    def read_newest(self, pk: str, count: int) -> list[tuple[str, Counts]]:
        """The last ``count`` items of ``pk`` by sort key (newest first for time-keyed rows); emptied rows skipped."""
        out: list[tuple[str, Counts]] = []
        for item in self._m.aggregate.query(pk, scan_index_forward=False, page_size=count + 4):
            if counts := _counts(item):
                out.append((item.sk, counts))
                if len(out) >= count:
                    break
        return out

    def read_case(self, case_id: str) -> Counts:
        items = list(self._m.aggregate.batch_get([case_key(case_id)]))
        return _counts(items[0]) if items else {}

    def read_all(self) -> dict[AggKey, Counts]:
        out = {}
        for item in self._m.aggregate.scan():
            if is_ledger_pk(item.pk) or item.pk == CATALOG_PK:
                continue
            if counts := _counts(item):
                out[(item.pk, item.sk)] = counts
        return out

    def replace_all(self, expected: dict[AggKey, Counts]) -> None:
        agg = self._m.aggregate
        for key in set(self.read_all()) | set(expected):
            want = expected.get(key, {})
            actions = [getattr(agg, f).set(want[f]) if want.get(f) else getattr(agg, f).remove() for f in COUNTERS]
            agg(*key).update(actions=actions)

    def known_journeys(self) -> set[str]:
        journeys = self._m.catalog.query(CATALOG_PK, self._m.catalog.sk.startswith(CATALOG_JOURNEY))
        return {journey_of_catalog_sk(item.sk) for item in journeys}  # not the catalog's segment rows

    def note_journeys(self, journeys: set[str]) -> None:
        if not journeys:
            return
        with self._m.catalog.batch_write() as batch:
            for journey in sorted(journeys - self.known_journeys()):
                batch.save(self._m.catalog(CATALOG_PK, catalog_journey_sk(journey)))

    def segments(self, dimension: str | None = None) -> set[Segment]:
        """The journey slices that have items (catalog rows ``seg#<dimension>#<journey>#<value>``): one query."""
        prefix = catalog_segment_prefix(dimension)
        found = set()
        for item in self._m.catalog.query(CATALOG_PK, self._m.catalog.sk.startswith(prefix)):
            found.add(segment_of_catalog_sk(item.sk))
        return found

    def note_segments(self, segments: set[Segment]) -> None:
        """Add the slices the catalog lacks; the catalog is read once per process, then only new ones written."""
        if self._noted is None:
            self._noted = self.segments()
        new = sorted(segments - self._noted)
        if not new:
            return
        with self._m.catalog.batch_write() as batch:
            for segment in new:
                batch.save(self._m.catalog(CATALOG_PK, catalog_segment_sk(segment)))
        self._noted |= set(new)


__all__ = ["DynamoAggregateStore"]
