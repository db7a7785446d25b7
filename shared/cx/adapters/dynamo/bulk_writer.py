"""Bulk loads into the aggregates table: a plan's items written once each, in parallel BatchWriteItem calls.

BatchWriteItem only puts and deletes, so each item is written whole: what it holds now plus the plan's
increment. To make that all or nothing across a crash, the images are first written to a journal
(compressed, a few items per plan) and only then, after the journal's commit item, to their places.
Whoever next holds the store replays a committed journal (puts of whole images are idempotent) and
drops an uncommitted one (nothing of it was written yet).

Holding the store is a lease item: a bulk load takes it with a conditional put and renews it per
plan; the transactional fold (the aggregator Lambda) checks in every transaction that no lease is
held, so it never interleaves with a load's read-then-put.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pynamodb.exceptions import DeleteError, PutError, UpdateError

from cx.adapters.dynamo.models import Models
from cx.adapters.dynamo.parallel_writes import write_items
from cx.aggregation.keys import JOURNAL_PK, journal_commit_sk, journal_part_sk, lease_key
from cx.ports import ConflictError

LEASE_SECONDS = 300
IMAGES_PER_PART = 2000  # journal items stay far below DynamoDB's 400 KB item limit, compressed

Image = dict[str, Any]  # {"m": "a"|"l", "pk", "sk", "v": attributes or None to delete}


def _conditional_failed(exc: PutError | UpdateError | DeleteError) -> bool:
    return exc.cause_response_code == "ConditionalCheckFailedException"


class BulkWriter:
    def __init__(self, models: Models, clock: Callable[[], float] = time.time) -> None:
        self._m = models
        self._clock = clock
        self._owner: str | None = None

    # -- the lease -----------------------------------------------------------------------------
    @contextmanager
    def holding(self) -> Iterator[None]:
        if self._owner is not None:  # already held by this process (a load inside a load)
            yield
            return
        owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        lease = self._m.bulk(*lease_key(), owner=owner, until=self._clock() + LEASE_SECONDS)
        bulk = self._m.bulk
        try:
            lease.save(condition=bulk.pk.does_not_exist() | (bulk.until < self._clock()))
        except PutError as exc:
            if not _conditional_failed(exc):
                raise
            held = next(iter(bulk.batch_get([lease_key()], consistent_read=True)), None)
            until = time.strftime("%H:%M:%S", time.localtime(held.until)) if held and held.until else "?"
            raise ConflictError(
                f"another load holds the aggregates ({held.owner if held else '?'}, until {until}): "
                "wait for it to finish, or for its lease to run out if it was killed, and run this again"
            ) from exc
        self._owner = owner
        try:
            self.recover()
            yield
        finally:
            self._owner = None
            try:
                lease.delete(condition=bulk.owner == owner)
            except DeleteError as exc:
                if not _conditional_failed(exc):
                    raise

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
        bulk(JOURNAL_PK, journal_commit_sk(load), parts=len(parts)).save()  # the commit point
        self._write_images(images)
        self._drop(load)

    def recover(self) -> int:
        """Replay committed journals, drop uncommitted ones; returns the items replayed."""
        by_load: dict[str, list[Any]] = {}
        for item in self._m.bulk.query(JOURNAL_PK, consistent_read=True):
            by_load.setdefault(item.sk.split("#", 1)[0], []).append(item)
        replayed = 0
        for load, items in by_load.items():
            commit = next((i for i in items if i.sk == journal_commit_sk(load)), None)
            parts = sorted((i for i in items if i is not commit), key=lambda i: i.sk)
            if commit is not None and len(parts) == int(commit.parts):
                images = [img for part in parts for img in json.loads(zlib.decompress(part.body))]
                self._write_images(images)
                replayed += len(images)
            self._drop(load, items)
        return replayed

    def _drop(self, load: str, items: Sequence[Any] | None = None) -> None:
        bulk = self._m.bulk
        found = items if items is not None else list(bulk.query(JOURNAL_PK, bulk.sk.startswith(f"{load}#")))
        # parts first, the commit item last: a crash in between leaves a commit without all its parts
        with bulk.batch_write() as batch:
            for item in sorted(found, key=lambda i: i.sk == journal_commit_sk(load)):
                batch.delete(item)

    # -- writing -------------------------------------------------------------------------------
    def _instance(self, image: Image) -> Any:
        model = self._m.ledger if image["m"] == "l" else self._m.aggregate
        return model(image["pk"], image["sk"], **(image["v"] or {}))

    def _write_images(self, images: Sequence[Image]) -> None:
        self._write([self._instance(i) for i in images if i["v"] is not None])
        self._write([self._instance(i) for i in images if i["v"] is None], delete=True)

    def _write(self, items: Sequence[Any], delete: bool = False) -> None:
        write_items(self._m.aggregate, items, delete)
