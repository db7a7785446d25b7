"""The purge schedule (installations table: ``purges`` / ``<workspace id>``) and the eraser of a workspace's items.

The eraser reads each table by parallel Scan segments for the keys whose hash key starts with the workspace's
``ws=<id>|`` (cx.aggregation.keys.workspace_prefix), keys only, and deletes them in batches of 25. Items of a
single-workspace deploy carry no prefix and are never matched.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from pynamodb.connection import TableConnection
from pynamodb.expressions.operand import Path

from cx.aggregation.keys import workspace_prefix
from cx.workspace_purge import PurgeSchedule, ScheduledPurge, WorkspaceEraser

PURGES_PK = "purges"
BATCH = 25  # BatchWriteItem's limit


class _Stored(BaseModel):
    workspace: str
    uninstalled_at: datetime
    purge_after: datetime


class DynamoPurgeSchedule(PurgeSchedule):
    def __init__(self, model: type[Any]) -> None:
        self._model = model  # the installations table's

    def schedule(self, purge: ScheduledPurge) -> None:
        body = _Stored(workspace=purge.workspace, uninstalled_at=purge.uninstalled_at, purge_after=purge.purge_after)
        self._model(PURGES_PK, purge.workspace, body=body.model_dump_json()).save()

    def cancel(self, workspace: str) -> None:
        self._model(PURGES_PK, workspace).delete()

    def scheduled(self) -> list[ScheduledPurge]:
        found = [_Stored.model_validate_json(i.body) for i in self._model.query(PURGES_PK, consistent_read=True)]
        return [ScheduledPurge(s.workspace, s.uninstalled_at, s.purge_after) for s in found]


class DynamoWorkspaceEraser(WorkspaceEraser):
    def __init__(self, tables: Sequence[str], region: str, host: str | None, segments: int = 4) -> None:
        self._tables, self._region, self._host, self._segments = list(tables), region, host, segments

    def erase(self, workspace: str) -> dict[str, int]:
        prefix = workspace_prefix(workspace)
        if not prefix:
            raise ValueError("no workspace to erase: a single-workspace deploy's items carry no namespace")
        return {table: self._erase_table(table, prefix) for table in self._tables}

    def _erase_table(self, table: str, prefix: str) -> int:
        connection = TableConnection(table, region=self._region, host=self._host)
        connection.describe_table()  # the key schema (DescribeTable)
        meta = connection.get_meta_table()
        keys = [k for k in (meta.hash_keyname, meta.range_keyname) if k]

        def segment(number: int) -> int:
            deleted, start = 0, None
            while True:
                page = connection.scan(
                    filter_condition=Path(meta.hash_keyname).startswith(prefix),
                    attributes_to_get=keys,
                    segment=number,
                    total_segments=self._segments,
                    exclusive_start_key=start,
                )
                items = page.get("Items", [])
                for first in range(0, len(items), BATCH):
                    _delete(connection, table, items[first : first + BATCH])
                deleted += len(items)
                start = page.get("LastEvaluatedKey")
                if not start:
                    return deleted

        with ThreadPoolExecutor(max_workers=self._segments) as pool:
            return sum(pool.map(segment, range(self._segments)))


def _delete(connection: TableConnection, table: str, keys: list[dict[str, Any]], attempts: int = 8) -> None:
    """One batch of deletes, the unprocessed ones again with backoff (DynamoDB returns them when throttled)."""
    left = keys
    for attempt in range(attempts):
        answer = connection.batch_write_item(delete_items=left)
        unprocessed = answer.get("UnprocessedItems", {}).get(table, [])
        left = [request["DeleteRequest"]["Key"] for request in unprocessed]
        if not left:
            return
        time.sleep(min(2.0, 0.05 * 2**attempt))
    raise RuntimeError(f"{len(left)} deletes in {table} still unprocessed after {attempts} attempts; run again")
