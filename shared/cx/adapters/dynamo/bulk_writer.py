"""Bulk loads into the aggregates table: a plan's items written once each, in parallel BatchWriteItem calls.

BatchWriteItem only puts and deletes, so each item is written whole: what it holds now plus the plan's
increment. To make that all or nothing across a crash, the images are first written to a journal
(compressed, a few items per plan) and only then, after the journal's commit item, to their places.
Whoever next holds the store replays a committed journal (puts of whole images are idempotent) and
drops an uncommitted one (nothing of it was written yet).

Holding the store is a lease item: a bulk load takes it with a conditional put and renews it per
plan. A lease that ran out, or whose holder provably died (a load killed on this machine), is taken
over. The transactional fold (the aggregator Lambda) checks in every transaction that no lease is
held, so it never interleaves with a load's read-then-put.
"""

from __future__ import annotations

import json
import time
import uuid
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pynamodb.exceptions import DeleteError, PutError, UpdateError

from cx.adapters.dynamo.lease_owner import provably_dead, this_process
from cx.adapters.dynamo.models import Models
from cx.adapters.dynamo.parallel_batches import Raw, raw_item, write_items, write_raw
from cx.aggregation.keys import JOURNAL_PK, journal_commit_key, journal_part_sk, journal_parts_prefix, lease_key
from cx.ports import ConflictError

LEASE_SECONDS = 300
IMAGES_PER_PART = 2000  # journal items stay far below DynamoDB's 400 KB item limit, compressed

Image = dict[str, Any]  # {"m": "a"|"l", "pk", "sk", "v": attributes or None to delete}


def _conditional_failed(exc: PutError | UpdateError | DeleteError) -> bool:
    return exc.cause_response_code == "ConditionalCheckFailedException"


class BulkWriter:
    def __init__(
        self, models: Models, clock: Callable[[], float] = time.time, dead: Callable[[str], bool] = provably_dead
    ) -> None:
        self._m = models
        self._clock = clock
        self._dead = dead  # whether a lease's holder is known to have died
        self._owner: str | None = None

    # -- the lease -----------------------------------------------------------------------------
    @contextmanager
    def holding(self) -> Iterator[None]:
        if self._owner is not None:  # already held by this process (a load inside a load)
            yield
            return
        owner = this_process()
        lease = self._m.bulk(*lease_key(), owner=owner, until=self._clock() + LEASE_SECONDS)
        self._take(lease)
        self._owner = owner
        try:
            self.recover()
            yield
        finally:
            self._owner = None
            try:
                lease.delete(condition=self._m.bulk.owner == owner)
            except DeleteError as exc:
                if not _conditional_failed(exc):
                    raise

    def _take(self, lease: Any) -> None:
        """Put ``lease`` if none is held, the held one ran out, or its holder provably died (a load killed on
        this machine): then at once, not after the lease's minutes. Two takers race on a conditional put."""
        bulk = self._m.bulk
        try:
            lease.save(condition=bulk.pk.does_not_exist() | (bulk.until < self._clock()))
            return
        except PutError as exc:
            if not _conditional_failed(exc):
                raise
            held = next(iter(bulk.batch_get([lease_key()], consistent_read=True)), None)
            refused = exc
        if held is not None and held.owner and self._dead(held.owner):
            try:
                lease.save(condition=bulk.owner == held.owner)
                return
            except PutError as exc:
                if not _conditional_failed(exc):
                    raise
                held, refused = next(iter(bulk.batch_get([lease_key()], consistent_read=True)), None), exc
        until = time.strftime("%H:%M:%S", time.localtime(held.until)) if held and held.until else "?"
        raise ConflictError(
            f"another load holds the aggregates ({held.owner if held else '?'}, until {until}): "
            "wait for it to finish, or for its lease to run out if it was killed on another machine, "
            "and run this again"
        ) from refused

    def renew(self) -> None:
        bulk = self._m.bulk
        try:
            bulk(*lease_key()).update(
                actions=[bulk.until.set(self._clock() + LEASE_SECONDS)], condition=bulk.owner == self._owner
            )
        except UpdateError as exc:
            if _conditional_failed(exc):
                raise ConflictError("this load's lease on the aggregates ran out and was taken over") from exc
            raise

    # -- the journal ---------------------------------------------------------------------------
    def apply(self, images: Sequence[Image]) -> None:
        """Journal ``images``, commit the journal, write them, drop the journal."""
        self.renew()
        load = uuid.uuid4().hex
        parts = [images[i : i + IMAGES_PER_PART] for i in range(0, len(images), IMAGES_PER_PART)]
        bulk = self._m.bulk
        journal = [
            bulk(JOURNAL_PK, journal_part_sk(load, n), body=zlib.compress(json.dumps(list(part)).encode()))
            for n, part in enumerate(parts)
        ]
        self._write(journal)
        # the commit point; while it stands, the transactional fold is refused, lease or not
        bulk(*journal_commit_key(), owner=load, parts=len(parts)).save()
        self._write_images(images)
        self._drop()

    def recover(self) -> int:
        """Replay a committed journal and drop every journal part; returns the items replayed."""
        bulk = self._m.bulk
        commit = next(iter(bulk.batch_get([journal_commit_key()], consistent_read=True)), None)
        if commit is None:
            self._drop()  # parts of a journal that was never committed: none of its items was written
            return 0
        prefix = journal_parts_prefix(commit.owner)
        parts = list(bulk.query(JOURNAL_PK, bulk.sk.startswith(prefix), consistent_read=True))
        images = []
        if len(parts) == int(commit.parts):  # fewer: they were being dropped, after every item was written
            images = [
                img for part in sorted(parts, key=lambda i: i.sk) for img in json.loads(zlib.decompress(part.body))
            ]
            self._write_images(images)
        self._drop()
        return len(images)

    def _drop(self) -> None:
        """Every part first, then the commit: a crash in between leaves a commit with fewer parts than it names."""
        bulk = self._m.bulk
        commit_sk = journal_commit_key()[1]
        parts = [
            i for i in bulk.query(JOURNAL_PK, consistent_read=True, attributes_to_get=["pk", "sk"]) if i.sk != commit_sk
        ]
        self._write(parts, delete=True)
        bulk(*journal_commit_key()).delete()

    # -- writing -------------------------------------------------------------------------------
    def _raw(self, image: Image) -> Raw:
        model = self._m.ledger if image["m"] == "l" else self._m.aggregate
        return raw_item(model, {"pk": image["pk"], "sk": image["sk"], **(image["v"] or {})})

    def _write_images(self, images: Sequence[Image]) -> None:
        aggregate = self._m.aggregate
        write_raw(aggregate, [self._raw(i) for i in images if i["v"] is not None])
        write_raw(aggregate, [self._raw(i) for i in images if i["v"] is None], delete=True)

    def _write(self, items: Sequence[Any], delete: bool = False) -> None:
        write_items(self._m.aggregate, items, delete)
