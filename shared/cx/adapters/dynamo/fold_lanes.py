"""The streaming fold's lanes: a batch's increments reach the aggregates as plain atomic ADDs, each exactly once.

A fold commits a chunk of conversations in one small transaction that holds no aggregate counter (see
``DynamoAggregateStore.apply``): the ledger entries, the case states, and the chunk's increments as the
one pending delta of a lane, at the lane's next sequence. Then each aggregate item the delta touches gets
one UpdateItem that ADDs its increments and sets the item's marker for that lane (``l<n>``) to the
sequence, on condition that the marker is lower: a second attempt at the same item, by anyone, changes
nothing. When every item has it, the lane's pending delta is cleared, and only then can the lane commit
another. Hot items (a journey's day) are never in a transaction, so concurrent folds do not cancel each
other on them. The whole argument is in docs/design.md ("The streaming fold, exactly once").
"""

from __future__ import annotations

import json
import random
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError
from pynamodb.connection import Connection
from pynamodb.transactions import TransactWrite

from cx.adapters.dynamo.models import Models
from cx.aggregation.counters import Counts
from cx.aggregation.keys import AggKey, lane_key, lane_marker, ledger_key
from cx.backoff import Backoff
from cx.ports import ConflictError

LANES = 32  # more than the aggregator ever runs at once (stream shards x parallelization factor)
STALE_SECONDS = 120.0  # twice the aggregator's timeout (60 s): a delta pending this long has no live owner
ADDERS = 8  # UpdateItem calls in flight at once while a delta is applied
ADD_ATTEMPTS = 10
# a plain update meets an item inside someone's transaction, or is throttled past botocore's own retries
RETRYABLE = {"TransactionConflictException", "ProvisionedThroughputExceededException", "ThrottlingException"}


@dataclass(frozen=True)
class LaneState:
    lane: int
    seq: int  # the last committed sequence; 0 when the lane was never used
    pending: int | None  # the sequence committed but not yet applied everywhere
    since: float | None

    def stale(self, now: float) -> bool:
        return self.pending is not None and (self.since or 0) < now - STALE_SECONDS

    def next_seq(self, now: float) -> int:
        """Above the last one; milliseconds since the epoch, so a lane item lost and made anew still goes up."""
        return max(self.seq + 1, int(now * 1000))


@dataclass(frozen=True)
class Delta:
    lane: int
    seq: int
    increments: Mapping[AggKey, Counts]


@dataclass
class Finished:
    """What applying a delta did: items that took it now, items that already had it."""

    added: int = 0
    already: int = 0
    retries: int = 0


def encode(increments: Mapping[AggKey, Counts]) -> bytes:
    return zlib.compress(json.dumps([[pk, sk, counts] for (pk, sk), counts in sorted(increments.items())]).encode())


def decode(body: bytes) -> dict[AggKey, Counts]:
    return {(pk, sk): counts for pk, sk, counts in json.loads(zlib.decompress(body))}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class FoldLanes:
    def __init__(
        self,
        models: Models,
        connection: Connection,
        clock: Callable[[], float] = time.time,
        backoff: Backoff | None = None,
    ) -> None:
        self._m, self._connection, self._clock = models, connection, clock
        self._backoff = backoff or Backoff()
        self._rng = random.Random()
        self._table = models.aggregate.Meta.table_name
        # the pk as stored (with the workspace's namespace, cx.adapters.dynamo.workspace_keys): raw UpdateItem
        self._stored_pk = models.aggregate.pk.serialize
        self._sticky: int | None = None  # the lane this process last cleared: it is free unless taken since

    # -- reading the lanes -----------------------------------------------------------------------------
    def states(self, consistent: bool = False) -> list[LaneState]:
        keys = [lane_key(n) for n in range(LANES)]
        found = {
            item.pk: item
            for item in self._m.lane.batch_get(
                keys, consistent_read=consistent, attributes_to_get=["pk", "sk", "seq", "pending", "since"]
            )
        }
        out = []
        for n, (pk, _) in enumerate(keys):
            item = found.get(pk)
            pending = int(item.pending) if item is not None and item.pending is not None else None
            seq = int(item.seq or 0) if item is not None else 0
            out.append(LaneState(n, seq, pending, float(item.since) if item is not None and item.since else None))
        return out

    def choose(self) -> LaneState:
        """A free lane (the one this process used last, if still free); stale deltas found are finished first."""
        now, free = self._clock(), []
        for state in self.states():
            if state.stale(now) and state.pending is not None:
                self.finish_lane(state.lane, state.pending)
                state = LaneState(state.lane, state.seq, None, None)
            if state.pending is None:
                free.append(state)
        if not free:
            raise ConflictError(f"every one of the {LANES} fold lanes has a delta being applied")
        return next((s for s in free if s.lane == self._sticky), None) or self._rng.choice(free)

    # -- committing ----------------------------------------------------------------------------------
    def claim(self, tx: TransactWrite, state: LaneState, seq: int, increments: Mapping[AggKey, Counts]) -> None:
        """Add to ``tx`` the lane's move to ``seq`` with ``increments`` pending: only if the lane is as read."""
        lane = self._m.lane
        unchanged = lane.seq.does_not_exist() if state.seq == 0 else lane.seq == state.seq
        tx.update(
            lane(*lane_key(state.lane)),
            actions=[
                lane.seq.set(seq),
                lane.pending.set(seq),
                lane.since.set(self._clock()),
                lane.delta.set(encode(increments)),
            ],
            condition=lane.pending.does_not_exist() & unchanged,
        )

    def forget(self) -> None:
        """A commit was refused: choose afresh next time."""
        self._sticky = None

    # -- applying ------------------------------------------------------------------------------------
    def finish(self, delta: Delta) -> Finished:
        """Apply the delta to every item it touches (at most once each), then clear it from its lane."""
        done = Finished()
        items = list(delta.increments.items())
        if items:
            workers = min(ADDERS, len(items))
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for added, retries in pool.map(lambda kv: self._add(kv[0], kv[1], delta), items):
                    done.added += added
                    done.already += not added
                    done.retries += retries
        self._clear(delta.lane, delta.seq)
        self._sticky = delta.lane
        return done

    def _add(self, key: AggKey, counts: Counts, delta: Delta) -> tuple[bool, int]:
        """ADD ``counts`` to the item unless it already took ``delta``; (added now, retries)."""
        names, values = {"#m": lane_marker(delta.lane)}, {":s": {"N": str(delta.seq)}}
        adds = []
        for i, (name, value) in enumerate(sorted(counts.items())):
            names[f"#c{i}"], values[f":c{i}"] = name, {"N": _number(value)}
            adds.append(f"#c{i} :c{i}")
        expression = "SET #m = :s" + (f" ADD {', '.join(adds)}" if adds else "")
        for attempt in range(ADD_ATTEMPTS):
            try:
                self._update_item(
                    TableName=self._table,
                    Key={"pk": {"S": self._stored_pk(key[0])}, "sk": {"S": key[1]}},
                    UpdateExpression=expression,
                    ConditionExpression="attribute_not_exists(#m) OR #m < :s",
                    ExpressionAttributeNames=names,
                    ExpressionAttributeValues=values,
                )
                return True, attempt
            except ClientError as exc:
                code = exc.response.get("Error", {}).get("Code")
                if code == "ConditionalCheckFailedException":
                    return False, attempt  # this item took the delta before (a retry, or a finisher beside us)
                if code not in RETRYABLE or attempt == ADD_ATTEMPTS - 1:
                    raise
                self._backoff.wait(attempt)
        raise AssertionError("unreachable")

    def _update_item(self, **request: Any) -> None:
        """UpdateItem through the store's own connection (its botocore client, typed loosely by PynamoDB)."""
        client: Any = self._connection.client
        client.update_item(**request)

    def _clear(self, lane: int, seq: int) -> None:
        try:
            self._update_item(
                TableName=self._table,
                Key={"pk": {"S": self._stored_pk(lane_key(lane)[0])}, "sk": {"S": lane_key(lane)[1]}},
                UpdateExpression="REMOVE #p, #t, #d",
                ConditionExpression="#p = :s",
                ExpressionAttributeNames={"#p": "pending", "#t": "since", "#d": "delta"},
                ExpressionAttributeValues={":s": {"N": str(seq)}},
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                raise  # (failed: someone finished and cleared it first)

    # -- finishing what others left --------------------------------------------------------------------
    def finish_lane(self, lane: int, seq: int) -> Finished | None:
        """Finish lane ``lane``'s delta ``seq`` if it is still pending; None if it was already cleared."""
        item = next(iter(self._m.lane.batch_get([lane_key(lane)], consistent_read=True)), None)
        if item is None or item.pending is None or int(item.pending) != seq or item.delta is None:
            return None
        finished = self.finish(Delta(lane, seq, decode(item.delta)))
        self._sticky = None  # not ours: leave it to whoever chooses it next
        return finished

    def finish_pending_of(self, conversation_ids: Iterable[str]) -> int:
        """Finish the pending deltas these conversations' ledger entries were committed in (a retried batch
        whose first attempt died after its commit); returns how many were finished."""
        keys = [ledger_key(c) for c in set(conversation_ids)]
        entries = self._m.ledger.batch_get(keys, attributes_to_get=["pk", "sk", "lane", "seq"], consistent_read=True)
        wanted = {(int(e.lane), int(e.seq)) for e in entries if e.lane is not None and e.seq is not None}
        if not wanted:
            return 0
        lanes = {lane for lane, _ in wanted}
        finished = 0
        for state in self.states(consistent=True):
            if state.lane in lanes and state.pending is not None and (state.lane, state.pending) in wanted:
                finished += self.finish_lane(state.lane, state.pending) is not None
        return finished

    def drain(self) -> int:
        """Wait for the deltas being applied now to be cleared by their owners, and finish those left stale;
        for a bulk load, which holds the store (no lane can commit meanwhile) before it reads and overwrites."""
        finished, attempt = 0, 0
        while pending := [s for s in self.states(consistent=True) if s.pending is not None]:
            now = self._clock()
            for state in pending:
                if state.stale(now) and state.pending is not None:
                    finished += self.finish_lane(state.lane, state.pending) is not None
            if any(not s.stale(now) for s in pending):
                self._backoff.wait(min(attempt, 6))
                attempt += 1
        return finished
