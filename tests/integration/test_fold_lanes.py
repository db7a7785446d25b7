"""The streaming fold's own failure windows, on DynamoDB Local: a process killed after its commit, with none,
some or all of its increments applied. Whoever comes next (the stream's retry of the batch, another batch once
the delta is stale, a bulk load) finishes it, and nothing is counted twice."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from cx.adapters.dynamo import fold_lanes
from cx.adapters.dynamo.aggregate_store import DynamoAggregateStore
from cx.aggregation import service
from cx.aggregation.keys import FOLD_LANE_PREFIX
from cx.aggregation.service import fold
from cx.bootstrap import build_pipeline
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
Pairs = list[tuple[Conversation, Evaluation]]


CHUNK = 5  # conversations a commit holds here (32 in the product): the same windows in a fifth of the requests


@pytest.fixture(autouse=True)
def _small_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "CONVERSATIONS_PER_COMMIT", CHUNK)


class Killed(Exception):
    """The process died: from the injected moment on, none of its requests reach DynamoDB."""


def _kill_at(store: Any, window: str) -> dict[str, int]:
    """Fail every request of ``store`` from a moment of its first delta on: ``after-the-commit`` (its first
    UpdateItem), ``mid-increments`` (after 5 items took it) or ``before-the-clear`` (every item took it)."""
    clients = [getattr(store._m, f.name)._get_connection().connection.client for f in dataclasses.fields(store._m)]
    clients.append(store._connection.client)
    seen, lock = {"updates": 0, "dead": 0}, threading.Lock()

    def watch(params: dict[str, Any], **_: Any) -> None:
        with lock:
            clearing = params.get("Key", {}).get("pk", {}).get("S", "").startswith(FOLD_LANE_PREFIX)
            if window == "after-the-commit" or (window == "mid-increments" and seen["updates"] >= 5):
                seen["dead"] = 1
            if window == "before-the-clear" and clearing:
                seen["dead"] = 1
            if not seen["dead"]:
                seen["updates"] += 1

    def fail_when_dead(event_name: str, **_: Any) -> None:
        if seen["dead"]:
            raise Killed(event_name)

    store._connection.client.meta.events.register("before-parameter-build.dynamodb.UpdateItem", watch)
    for client in clients:
        client.meta.events.register("before-call.dynamodb.*", fail_when_dead)
    return seen


def _stored(settings: Settings, count: int) -> Pairs:
    conversations = generate(end=NOW.date(), days=3, seed=17).conversations[:count]
    return build_pipeline(settings, clock=lambda: NOW).score_and_store(conversations).pairs


def _killed_fold(settings: Settings, pairs: Pairs, window: str) -> dict[str, int]:
    killed = build_pipeline(settings, clock=lambda: NOW).aggregates
    seen = _kill_at(killed, window)
    with pytest.raises(Killed):
        fold(killed, pairs, UTC)
    return seen


def _pending(settings: Settings) -> list[fold_lanes.LaneState]:
    store = build_pipeline(settings, clock=lambda: NOW).aggregates
    assert isinstance(store, DynamoAggregateStore)
    lanes = fold_lanes.FoldLanes(store._m, store._connection)
    return [s for s in lanes.states(consistent=True) if s.pending is not None]


def _assert_exact(settings: Settings, pairs: Pairs) -> None:
    check = build_pipeline(settings, clock=lambda: NOW)
    assert check.rebuild() == [], "the aggregates equal a recomputation from the stored evaluations"
    by_channel = [c for (pk, _), c in check.aggregates.read_all().items() if pk.startswith("channel=")]
    assert sum(c.get("evaluations", 0) for c in by_channel) == len(pairs)
    assert sum(c.get("score_sum", 0) for c in by_channel) == sum(e.cx_score for _, e in pairs)
    assert _pending(settings) == [], "no delta is left pending"


@pytest.mark.parametrize("window", ["after-the-commit", "mid-increments", "before-the-clear"])
def test_a_fold_killed_after_its_commit_is_finished_once_by_the_retried_batch(settings: Settings, window: str) -> None:
    pairs = _stored(settings, 2 * CHUNK)  # two chunks: the kill comes in the first one's increments
    seen = _killed_fold(settings, pairs, window)
    assert seen["updates"] == {"after-the-commit": 0, "mid-increments": 5}.get(window, seen["updates"])
    assert len(_pending(settings)) == 1, "the commit went through: its delta waits on its lane"

    retried = fold(build_pipeline(settings, clock=lambda: NOW).aggregates, pairs, UTC)  # the stream retries

    assert (retried.skipped, retried.folded) == (CHUNK, CHUNK), "the first chunk was counted by its commit"
    _assert_exact(settings, pairs)
    again = fold(build_pipeline(settings, clock=lambda: NOW).aggregates, pairs, UTC)
    assert again.skipped == len(pairs)
    _assert_exact(settings, pairs)


@pytest.mark.parametrize("finisher", ["another-batch", "a-bulk-load"])
def test_a_delta_whose_batch_never_comes_back_is_finished_once_it_is_stale(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, finisher: str
) -> None:
    monkeypatch.setattr(fold_lanes, "STALE_SECONDS", 1.0)
    pairs = _stored(settings, 4 * CHUNK)
    first, rest = pairs[:CHUNK], pairs[CHUNK:]
    _killed_fold(settings, first, "mid-increments")  # its batch goes to the failure destination: never retried
    assert len(_pending(settings)) == 1
    deadline = time.monotonic() + 60
    while not all(s.stale(time.time()) for s in _pending(settings)):
        assert time.monotonic() < deadline, "the delta never went stale"
        time.sleep(0.2)

    if finisher == "another-batch":
        fold(build_pipeline(settings, clock=lambda: NOW).aggregates, rest, UTC)
    else:
        build_pipeline(settings, clock=lambda: NOW).fold(rest)  # the CLI's bulk path: it drains the lanes first

    _assert_exact(settings, pairs)
