"""The reports' counter reads on DynamoDB Local (raw queries of sk and the counters, their bodies read as plain
JSON): the same (sort key, counters) as the PynamoDB items give, page after page, within the workspace's
namespace, and an error from DynamoDB still raised as botocore's error. A short range's days are read by key,
100 keys a request, and give what a query per pk gives."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from cx.adapters.dynamo.aggregate_store import BATCH_DAYS, DynamoAggregateStore
from cx.adapters.dynamo.counter_reads import get_counts, query_counts
from cx.adapters.dynamo.models import DynamoSettings, build_models
from cx.aggregation.counters import COUNTERS, Counts
from cx.bootstrap import build_pipeline, build_stores
from cx.config import Settings
from cx.demo.generator import generate

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def dynamo_settings(settings: Settings) -> DynamoSettings:
    return DynamoSettings(
        settings.conversations_table,
        settings.evaluations_table,
        settings.aggregates_table,
        host=settings.dynamodb_endpoint,
        workspace=settings.workspace,
    )


def models_of(settings: Settings) -> Any:
    return build_models(dynamo_settings(settings))


def requests_sent(model: Any) -> Counter[str]:
    """The requests ``model``'s client sends from now on, by operation."""
    sent: Counter[str] = Counter()
    client = model._get_connection().connection.client
    client.meta.events.register("before-call.dynamodb", lambda model, **_: sent.update([model.name]))
    return sent


def as_items(model: Any, pk: str) -> list[tuple[str, Counts]]:
    """What the PynamoDB item of each sort key holds, as the reports read it before."""
    out = []
    for item in model.query(pk):
        out.append((item.sk, {n: float(v) for n in COUNTERS if (v := getattr(item, n, None))}))
    return out


@pytest.fixture
def folded(settings: Settings) -> Settings:
    """Four days of demo conversations folded by the streaming fold (lane markers on every item) in a workspace."""
    alpha = replace(settings, workspace="T0ALPHA")
    build_pipeline(alpha, clock=lambda: NOW).process(generate(end=NOW.date(), days=4, seed=3).conversations[:80])
    return alpha


def test_counter_reads_give_what_the_items_hold_page_after_page(folded: Settings) -> None:
    model = models_of(folded).aggregate
    held = Counter(i.pk for i in model.scan())
    kinds = ("journey=", "channel=", "inquiry=", "cube|")  # day items, every agent's rows, cube cells
    pks = [max((pk for pk in held if pk.startswith(kind)), key=lambda pk: held[pk]) for kind in kinds]

    for pk in pks:
        expected = as_items(model, pk)
        assert len(expected) >= 2, pk
        assert list(query_counts(model, pk)) == expected
        assert list(query_counts(model, pk, page_size=1)) == expected  # one item a page
        assert list(query_counts(model, pk, forward=False, page_size=1)) == expected[::-1]
        assert list(query_counts(model, pk, expected[1][0], expected[-1][0])) == expected[1:]


def test_the_store_reads_its_own_workspace_only(folded: Settings) -> None:
    mine, other = build_stores(folded).aggregates, build_stores(replace(folded, workspace="T0BETA")).aggregates
    start, end = date(2026, 11, 1), NOW.date()

    days = mine.read_days("journey=billing", start, end)

    assert days and all(c.get("evaluations") for c in days.values())
    assert other.read_days("journey=billing", start, end) == {}
    assert other.read_sk_range("channel=chat", "0", "~") == []


def test_an_error_from_dynamodb_is_raised_as_botocore_parses_it(folded: Settings) -> None:
    model = models_of(replace(folded, aggregates_table="no-such-table"))

    with pytest.raises(ClientError) as raised:
        list(query_counts(model.aggregate, "journey=billing"))

    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_a_short_range_is_read_by_key_and_gives_what_a_query_per_pk_gives(folded: Settings) -> None:
    models = models_of(folded)
    store = DynamoAggregateStore(models, dynamo_settings(folded))
    day_pks = sorted({i.pk for i in models.aggregate.scan() if i.pk.startswith(("journey=", "channel="))})
    pks = [*day_pks, "journey=nobody-asks-this"]  # a pk without items too
    start, end = NOW.date() - timedelta(days=BATCH_DAYS - 1), NOW.date()
    by_query = {pk: store.read_days(pk, start, end) for pk in pks}
    sent = requests_sent(models.aggregate)

    by_key = store.read_days_many(pks, start, end)

    assert len(day_pks) > 20 and sum(map(len, by_query.values())) > 50  # enough to fill several requests
    assert by_key == by_query
    assert [list(days) for days in by_key.values()] == [list(days) for days in by_query.values()]  # day order too
    assert sent == {"BatchGetItem": -(-len(pks) * BATCH_DAYS // 100)}  # 100 keys a request, no query


def test_a_long_range_is_read_a_query_per_pk(folded: Settings) -> None:
    models = models_of(folded)
    store = DynamoAggregateStore(models, dynamo_settings(folded))
    pks = sorted({i.pk for i in models.aggregate.scan() if i.pk.startswith(("journey=", "channel="))})[:3]
    start, end = NOW.date() - timedelta(days=BATCH_DAYS), NOW.date()
    sent = requests_sent(models.aggregate)

    days = store.read_days_many(pks, start, end)

    assert all(days.values()) and sent == {"Query": len(pks)}  # a key a day would cost more than the items


def test_reads_by_key_stay_in_the_workspace_and_raise_dynamodb_errors(folded: Settings) -> None:
    other = build_stores(replace(folded, workspace="T0BETA")).aggregates
    start = NOW.date() - timedelta(days=6)

    assert other.read_days_many(["journey=billing", "channel=chat"], start, NOW.date()) == {
        "journey=billing": {},
        "channel=chat": {},
    }
    mine = models_of(folded).aggregate
    held = build_stores(folded).aggregates.read_days("journey=billing", start, NOW.date())
    keys = [("journey=billing", day.isoformat()) for day in held]
    assert held and get_counts(mine, keys) == {key: held[date.fromisoformat(key[1])] for key in keys}
    with pytest.raises(ClientError) as raised:
        get_counts(models_of(replace(folded, aggregates_table="no-such-table")).aggregate, [("journey=billing", "x")])
    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"
