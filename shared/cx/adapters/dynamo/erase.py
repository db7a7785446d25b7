"""Deleting whole partitions: every item under each hash key (a data-subject purge)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def delete_partitions(model: type[Any], hash_keys: Iterable[str], key_attributes: list[str]) -> int:
    """Delete every item of ``model`` under each of ``hash_keys``, reading only their keys; returns how many."""
    items = [item for key in hash_keys for item in model.query(key, attributes_to_get=key_attributes)]
    with model.batch_write() as batch:
        for item in items:
            batch.delete(item)
    return len(items)
