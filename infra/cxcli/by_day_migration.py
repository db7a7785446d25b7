"""Adding the `by_day` index keys to items stored before the index existed: resumable, idempotent, any workspace.

Conversations get ``scored_day`` (the UTC day of the conversation, of its evaluation without a time) and labels
``labelled_day`` (the UTC day it was given), exactly as the stores write them now (``record_store.scored_day``,
``DynamoLabelStore.put_labels``), with the workspace's ``ws=<id>|`` prefix of the item's own hash key: one pass
over a table serves every workspace. The table is read by parallel Scan segments; each item is updated on the
condition that it still lacks the key and still holds what the day was computed from, so a newer write is never
overwritten and a deleted item is not brought back. After each page the segment's position is saved in a
checkpoint file: a killed run, run again, starts where each segment stopped.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

NAMESPACE = re.compile(r"^ws=[^|]+\|")  # cx.aggregation.keys.workspace_prefix
SINGLE = "(single workspace)"


@dataclass(frozen=True)
class Family:
    """One table's index key: which attribute, which items need it, and the day it takes."""

    name: str
    attribute: str
    keys: tuple[str, ...]  # the table's key attributes (hash first)
    guard: str  # the attribute the day is computed from: it must be unchanged when the key is written
    read: tuple[str, ...]  # what the scan projects
    day: Callable[[dict[str, Any]], str | None]


def _utc_day(text: str) -> str:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).date().isoformat()


def _conversation_day(item: dict[str, Any]) -> str | None:
    """``started_at`` holds the conversation's time as stored; without one, the evaluation's."""
    started = item.get("started_at", {}).get("S")
    if started:
        return _utc_day(started)
    evaluated = json.loads(item["evaluation"]["S"]).get("evaluated_at")
    return _utc_day(evaluated) if evaluated else None


def _label_day(item: dict[str, Any]) -> str | None:
    return _utc_day(item["labelled_at"]["S"])


CONVERSATIONS = Family(
    "conversations", "scored_day", ("conversation_id",), "evaluation",
    ("conversation_id", "started_at", "evaluation"), _conversation_day,
)  # fmt: skip
LABELS = Family(
    "labels", "labelled_day", ("conversation_id", "label_key"), "labelled_at",
    ("conversation_id", "label_key", "labelled_at"), _label_day,
)  # fmt: skip


@dataclass
class Tally:
    """What one table's pass found and did, by workspace."""

    scanned: int = 0  # items read (those needing the key)
    updated: dict[str, int] = field(default_factory=dict)
    needing: dict[str, int] = field(default_factory=dict)  # dry run: would be updated
    changed: int = 0  # written or deleted meanwhile: left alone
    unreadable: list[str] = field(default_factory=list)  # keys whose day cannot be read
    resumed: int = 0  # segments that started from a checkpoint


class Checkpoint:
    """Each segment's next start key (None: from the beginning) and whether it is done, in a JSON file."""

    def __init__(self, path: Path, table: str, segments: int) -> None:
        self.path, self._lock = path, threading.Lock()
        state = json.loads(path.read_text()) if path.exists() else {}
        if state.get("table") != table:
            state = {"table": table, "segments": segments, "next": {}, "done": []}
        self.state = state

    @property
    def segments(self) -> int:
        return int(self.state["segments"])

    def start(self, segment: int) -> dict[str, Any] | None:
        found: dict[str, Any] | None = self.state["next"].get(str(segment))
        return found

    @property
    def complete(self) -> bool:
        return len(self.state["done"]) == self.segments

    def done(self, segment: int) -> bool:
        return segment in self.state["done"]

    def save(self, segment: int, next_key: dict[str, Any] | None) -> None:
        with self._lock:
            if next_key is None:
                self.state["done"] = sorted({*self.state["done"], segment})
                self.state["next"].pop(str(segment), None)
            else:
                self.state["next"][str(segment)] = next_key
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(".tmp")
            partial.write_text(json.dumps(self.state))
            partial.replace(self.path)  # never a half-written checkpoint


def workspace_of(hash_key: str) -> tuple[str, str]:
    """(the key prefix, the workspace it names) of an item's hash key."""
    found = NAMESPACE.match(hash_key)
    return (found.group(0), found.group(0)[3:-1]) if found else ("", SINGLE)


def migrate_table(
    client: Any,
    table: str,
    family: Family,
    apply: bool,
    checkpoint: Checkpoint | None,
    segments: int = 4,
    page_size: int = 200,
) -> Tally:
    """One table's pass; ``checkpoint`` (only with ``apply``) is where it resumes and records progress."""
    if checkpoint is not None:
        segments = checkpoint.segments  # a resumed run keeps the segmentation it started with
    tally, lock = Tally(), threading.Lock()
    scan = {
        "TableName": table,
        "TotalSegments": segments,
        "FilterExpression": f"attribute_not_exists(#{family.attribute}) AND attribute_exists(#{family.guard})",
        "ProjectionExpression": ", ".join(f"#{n}" for n in family.read),
        "ExpressionAttributeNames": {f"#{n}": n for n in {*family.read, family.attribute, family.guard}},
        "Limit": page_size,
    }

    def update(item: dict[str, Any]) -> None:
        hash_key = item[family.keys[0]]["S"]
        prefix, workspace = workspace_of(hash_key)
        try:
            day = family.day(item)
        except (ValueError, KeyError, TypeError):
            day = None
        if day is None:
            with lock:
                tally.unreadable.append(hash_key)
            return
        if not apply:
            with lock:
                tally.needing[workspace] = tally.needing.get(workspace, 0) + 1
            return
        try:
            client.update_item(
                TableName=table,
                Key={k: item[k] for k in family.keys},
                UpdateExpression="SET #a = :day",
                ConditionExpression="attribute_not_exists(#a) AND #g = :was",
                ExpressionAttributeNames={"#a": family.attribute, "#g": family.guard},
                ExpressionAttributeValues={":day": {"S": prefix + day}, ":was": item[family.guard]},
            )
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
            with lock:
                tally.changed += 1
            return
        with lock:
            tally.updated[workspace] = tally.updated.get(workspace, 0) + 1

    def run_segment(segment: int) -> None:
        if checkpoint is not None and checkpoint.done(segment):
            return
        start = checkpoint.start(segment) if checkpoint is not None else None
        if start is not None:
            with lock:
                tally.resumed += 1
        while True:
            page = client.scan(**scan, Segment=segment, **({"ExclusiveStartKey": start} if start else {}))
            items = page.get("Items", [])
            with lock:
                tally.scanned += len(items)
            for item in items:
                update(item)
            start = page.get("LastEvaluatedKey")
            if checkpoint is not None:
                checkpoint.save(segment, start)
            if start is None:
                return

    with ThreadPoolExecutor(max_workers=segments) as pool:
        list(pool.map(run_segment, range(segments)))
    return tally
