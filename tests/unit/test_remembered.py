"""``Remembered`` serves a day range already read (or any range inside it) from memory and reads the catalogue
once; a wider range, or a pk not read yet, is read from the store."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import cast

from support.counting_reads import CountingReads
from unit.factories import MONDAY_10AM, conversation, evaluation
from unit.fakes import FakeAggregateStore

from cx.aggregation.keys import journey_pk
from cx.aggregation.service import fold
from cx.remembered import Readable, Remembered

DAY = MONDAY_10AM.date()


def _store() -> CountingReads:
    store = FakeAggregateStore()
    pairs = [(c := conversation(f"c{i}", case_id=f"k{i}", started_at=MONDAY_10AM + timedelta(days=i)), evaluation(c))
             for i in range(5)]  # fmt: skip
    fold(store, pairs, UTC)
    return CountingReads(cast(Readable, store))


def test_a_range_inside_one_already_read_is_served_from_memory_and_a_wider_one_is_read() -> None:
    reads = _store()
    remembered = Remembered(reads)
    pk = journey_pk("billing")

    whole = remembered.read_days_many([pk], DAY, DAY + timedelta(days=4))
    inside = remembered.read_days(pk, DAY + timedelta(days=1), DAY + timedelta(days=2))
    assert reads.reads[("days", pk)] == 1
    assert inside == {d: c for d, c in whole[pk].items() if DAY + timedelta(days=1) <= d <= DAY + timedelta(days=2)}
    assert len(inside) == 2

    remembered.read_days(pk, DAY - timedelta(days=1), DAY + timedelta(days=4))
    assert reads.reads[("days", pk)] == 2


def test_the_catalogue_and_the_journeys_are_read_once() -> None:
    reads = _store()
    remembered = Remembered(reads)

    assert remembered.segments() == remembered.segments() and remembered.segments("channel")
    assert remembered.known_journeys() == remembered.known_journeys() == {"billing"}
    assert reads.reads[("segments", "")] == 1 and reads.reads[("journeys", "")] == 1
    assert ("segments", "channel") not in reads.reads  # served from the whole catalogue
