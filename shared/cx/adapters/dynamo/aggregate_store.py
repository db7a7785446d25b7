"""Aggregates, the per-conversation ledger and the case states in the Aggregates table."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from pydantic import TypeAdapter
from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from cx.adapters.dynamo.bulk_writer import BulkWriter, Image
from cx.adapters.dynamo.counter_reads import get_counts, query_counts
from cx.adapters.dynamo.fold_lanes import Delta, FoldLanes
from cx.adapters.dynamo.models import DynamoSettings, Models
from cx.adapters.dynamo.parallel_batches import PER_GET, read_raw
from cx.aggregation.case_state import CaseState, ContactNote
from cx.aggregation.contribution import Applied
from cx.aggregation.counters import COUNTERS, Counts, add, nonzero
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
    is_bulk_load_pk,
    is_fold_lane_pk,
    is_ledger_pk,
    journal_commit_key,
    journey_of_catalog_sk,
    lease_key,
    ledger_key,
    segment_of_catalog_sk,
)
from cx.parallel import each
from cx.ports import ConflictError

_CONTACTS = TypeAdapter(dict[str, ContactNote])
_HELD = ("pk", "sk", *COUNTERS)  # what a bulk plan reads of the items it will overwrite
# ranges up to this many days read their day items by key: a request of 100 keys costs about a query here,
# a key of a day without an item a little (a two-week `/cx why` or digest mover: 14 keys a slice)
BATCH_DAYS = 16


def _counts(item: Any) -> Counts:
    return {name: float(v) for name in COUNTERS if (v := getattr(item, name, None))}


def _case_values(after: CaseState) -> dict[str, Any]:
    """A case item's state attributes, as the transactional apply sets them."""
    values: dict[str, Any] = {"contacts": _CONTACTS.dump_json(after.contacts).decode(), "version": after.version}
    if after.journey is not None:
        values["journey"] = after.journey
    if after.day is not None:
        values["day"] = after.day.isoformat()
    if after.outcome is not None:
        values["outcome"] = after.outcome.value
    return values


class DynamoAggregateStore:
    def __init__(self, models: Models, settings: DynamoSettings) -> None:
        self._m = models
        self._connection = Connection(region=settings.region, host=settings.host)
        self._noted: set[Segment] | None = None  # the catalog's slices as far as this process knows them
        self._bulk = BulkWriter(models)
        self._lanes = FoldLanes(models, self._connection)

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
        """Commit the plan in one small transaction (ledger entries, case states, the increments as a lane's
        pending delta), then ADD the increments item by item (see ``fold_lanes``); ConflictError: nothing written."""
        lane = self._lanes.choose()
        seq = lane.next_seq(time.time())
        agg, ledger, bulk = self._m.aggregate, self._m.ledger, self._m.bulk
        try:
            with TransactWrite(connection=self._connection) as tx:
                # never while a bulk load holds the store (it read what it will overwrite whole), nor while a
                # killed load's committed journal waits to be written (from what it read then)
                free = bulk.pk.does_not_exist() | (bulk.until < time.time())
                tx.condition_check(bulk, *lease_key(), condition=free)
                tx.condition_check(bulk, *journal_commit_key(), condition=bulk.pk.does_not_exist())
                for conversation_id, entry in plan.ledger.items():
                    item = ledger(
                        *ledger_key(conversation_id),
                        fingerprint=entry.applied.fingerprint,
                        body=entry.applied.model_dump_json(),
                        lane=lane.lane,
                        seq=seq,
                    )
                    guard = (
                        ledger.pk.does_not_exist()
                        if entry.expected_previous is None
                        else ledger.fingerprint == entry.expected_previous
                    )
                    tx.save(item, condition=guard)
                for case_id, update in plan.cases.items():
                    condition = (
                        agg.version.does_not_exist()
                        if update.before.version == 0
                        else agg.version == update.before.version
                    )
                    tx.update(agg(*case_key(case_id)), actions=self._case_actions(update), condition=condition)
                self._lanes.claim(tx, lane, seq, plan.increments)
        except TransactWriteError as exc:
            self._lanes.forget()
            if exc.cause_response_code == "TransactionCanceledException":
                raise ConflictError(str(exc)) from exc
            raise
        self._lanes.finish(Delta(lane.lane, seq, plan.increments))

    def finish_pending(self, conversation_ids: Iterable[str]) -> int:
        return self._lanes.finish_pending_of(conversation_ids)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._bulk.holding():  # from here on no lane commits (its transaction checks the lease)
            self._lanes.drain()  # and what the lanes committed before is in every item before the load reads
            yield

    def apply_bulk(self, plan: FoldPlan) -> int:
        images = self._images(plan)
        self._bulk.apply(images)
        return len(images)

    def _images(self, plan: FoldPlan) -> list[Image]:
        """Every item the plan touches, whole: the ledger entries, and each aggregate as held plus its increment."""
        cases = {case_key(c): u.after for c, u in plan.cases.items()}
        keys = set(plan.increments) | set(cases)
        pk = self._m.aggregate.pk  # raw keys as stored: with the workspace's namespace (workspace_keys)
        found = read_raw(self._m.aggregate, [{"pk": {"S": pk.serialize(p)}, "sk": {"S": k}} for p, k in keys], _HELD)
        held = {
            (pk.deserialize(i["pk"]["S"]), i["sk"]["S"]): {n: float(i[n]["N"]) for n in COUNTERS if n in i}
            for i in found
        }
        images: list[Image] = [
            {
                "m": "l",
                "pk": ledger_key(c)[0],
                "sk": ledger_key(c)[1],
                "v": {"fingerprint": e.applied.fingerprint, "body": e.applied.model_dump_json()},
            }
            for c, e in plan.ledger.items()
        ]
        for key in sorted(keys):
            counts = nonzero(add(dict(held.get(key, {})), plan.increments.get(key, {})))
            values: dict[str, Any] = dict(counts)
            if (after := cases.get(key)) is not None:
                values |= _case_values(after)
            if values or key in held:
                images.append({"m": "a", "pk": key[0], "sk": key[1], "v": values or None})
        return images

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
        items = query_counts(self._m.aggregate, pk, start.isoformat(), end.isoformat())
        return {date.fromisoformat(sk): counts for sk, counts in items}

    def read_days_many(self, pks: Sequence[str], start: date, end: date) -> dict[str, dict[date, Counts]]:
        """A short range's day items by key, 100 a request (a query per pk costs as much as a request of 100
        keys); a long one a query per pk (a key per day would cost more than the items there are)."""
        days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
        if len(days) > BATCH_DAYS or -(-len(pks) * len(days) // PER_GET) >= len(pks):
            return dict(zip(pks, each(lambda pk: self.read_days(pk, start, end), pks), strict=True))
        found = get_counts(self._m.aggregate, [(pk, d.isoformat()) for pk in dict.fromkeys(pks) for d in days])
        return {pk: {d: c for d in days if (c := found.get((pk, d.isoformat()))) is not None} for pk in pks}

    def read_ranked(
        self, pks: Sequence[str], count: int | None, keep: Callable[[str], bool]
    ) -> dict[str, list[tuple[str, Counts]]]:
        """Each pk's first ``count`` items that hold counters and pass ``keep``, in sort key order; the pks
        read in parallel, each page by page until it has enough."""
        return dict(zip(pks, each(lambda pk: self._ranked(pk, count, keep), pks), strict=True))

    def _ranked(self, pk: str, count: int | None, keep: Callable[[str], bool]) -> list[tuple[str, Counts]]:
        out: list[tuple[str, Counts]] = []
        page_size = None if count is None else 2 * count + 4  # rows of other days and emptied rows are skipped
        for sk, counts in query_counts(self._m.aggregate, pk, page_size=page_size):
            if keep(sk) and counts:
                out.append((sk, counts))
                if count is not None and len(out) >= count:
                    break
        return out

    def read_sk_range(self, pk: str, low: str, high: str) -> list[tuple[str, Counts]]:
        """Items of ``pk`` whose sort key is between ``low`` and ``high`` (inclusive), with their counters."""
        return [(sk, counts) for sk, counts in query_counts(self._m.aggregate, pk, low, high) if counts]

    def read_newest(self, pk: str, count: int) -> list[tuple[str, Counts]]:
        """The last ``count`` items of ``pk`` by sort key (newest first for time-keyed rows); emptied rows skipped."""
        out: list[tuple[str, Counts]] = []
        for sk, counts in query_counts(self._m.aggregate, pk, forward=False, page_size=count + 4):
            if counts:
                out.append((sk, counts))
                if len(out) >= count:
                    break
        return out

    def read_case(self, case_id: str) -> Counts:
        items = list(self._m.aggregate.batch_get([case_key(case_id)]))
        return _counts(items[0]) if items else {}

    def read_all(self) -> dict[AggKey, Counts]:
        out = {}
        for item in self._m.aggregate.scan():
            if is_ledger_pk(item.pk) or is_bulk_load_pk(item.pk) or is_fold_lane_pk(item.pk) or item.pk == CATALOG_PK:
                continue
            if counts := _counts(item):
                out[(item.pk, item.sk)] = counts
        return out

    def replace_all(self, expected: dict[AggKey, Counts], ledger: Sequence[Applied] = ()) -> None:
        """Set every counter to ``expected`` and the ledger entries of ``ledger``, a few parallel batch writes,
        holding the store meanwhile."""
        with self.exclusive():
            scanned = self._m.aggregate.scan()
            kept_apart = (is_ledger_pk, is_bulk_load_pk, is_fold_lane_pk)
            held = {(i.pk, i.sk): i for i in scanned if not any(apart(i.pk) for apart in kept_apart)}
            images: list[Image] = [
                {"m": "l", "pk": k[0], "sk": k[1], "v": {"fingerprint": a.fingerprint, "body": a.model_dump_json()}}
                for a in ledger
                for k in [ledger_key(a.conversation_id)]
            ]
            for key in set(held) | set(expected):
                item = held.get(key)
                if item is not None and item.pk == CATALOG_PK:
                    continue
                want = nonzero(expected.get(key, {}))
                if item is not None and _counts(item) == want:
                    continue
                values: dict[str, Any] = dict(want)
                if item is not None and item.contacts is not None:  # a case item keeps its state
                    values |= {a: getattr(item, a) for a in ("contacts", "version", "journey", "day", "outcome")}
                    values = {a: v for a, v in values.items() if v is not None}
                images.append({"m": "a", "pk": key[0], "sk": key[1], "v": values or None})
            self._bulk.apply(images)

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
