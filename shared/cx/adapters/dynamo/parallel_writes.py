"""BatchWriteItem from a few threads: how bulk loads fill a table (PynamoDB resends what DynamoDB left unprocessed)."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

WRITERS = 4  # parallel callers: DynamoDB spreads them over partitions, DynamoDB Local over its threads
PER_REQUEST = 25  # DynamoDB's limit on items in one BatchWriteItem


def write_items(model: type[Any], items: Sequence[Any], delete: bool = False) -> None:
    """Put (or delete) ``items``, in requests of 25, through ``model``'s connection; one thread for small writes."""
    if not items:
        return
    lanes = max(1, min(WRITERS, len(items) // PER_REQUEST))

    def lane(n: int) -> None:
        with model.batch_write() as batch:
            for item in items[n::lanes]:
                if delete:
                    batch.delete(item)
                else:
                    batch.save(item)

    if lanes == 1:
        lane(0)
        return
    model._get_connection()  # built once here: the threads share its client
    with ThreadPoolExecutor(max_workers=lanes) as pool:
        list(pool.map(lane, range(lanes)))
