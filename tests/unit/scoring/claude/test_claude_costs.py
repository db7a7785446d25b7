"""Cost per evaluation from the API's usage fields, and usage summed per day."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from factories import conversation, evaluation

from cx.scoring.claude.costs import daily_usage
from cx.scoring.claude.pricing import PRICES, usage_cost

SONNET = "claude-sonnet-4-5-20250929"


def test_cost_prices_each_kind_of_token() -> None:
    p = PRICES[SONNET]
    usage = usage_cost(SONNET, input_tokens=1000, output_tokens=200, cache_read=3000, cache_write=0)

    expected = (1000 * p.input + 200 * p.output + 3000 * p.input * 0.1) / 1_000_000
    assert usage.cost_usd == pytest.approx(expected)
    assert usage.cache_read_input_tokens == 3000


def test_a_cache_read_costs_less_than_a_cache_write() -> None:
    read = usage_cost(SONNET, 100, 100, cache_read=2000, cache_write=0)
    write = usage_cost(SONNET, 100, 100, cache_read=0, cache_write=2000)

    assert read.cost_usd < write.cost_usd


def test_usage_is_summed_per_day_in_the_workspace_time_zone() -> None:
    u = usage_cost(SONNET, 1000, 100, 0, 0)
    late = evaluation(conversation("a")).model_copy(
        update={"usage": u, "evaluated_at": datetime(2026, 11, 2, 23, 30, tzinfo=UTC)}
    )
    next_day = evaluation(conversation("b")).model_copy(
        update={"usage": u, "evaluated_at": datetime(2026, 11, 3, 8, tzinfo=UTC)}
    )
    unpriced = evaluation(conversation("c"))

    utc = daily_usage([late, next_day, unpriced], UTC)
    berlin = daily_usage([late, next_day, unpriced], ZoneInfo("Europe/Berlin"))

    assert [d.isoformat() for d in utc] == ["2026-11-02", "2026-11-03"]
    (day, total) = berlin.popitem()
    assert not berlin
    assert day.isoformat() == "2026-11-03"
    assert total.input_tokens == 2000
    assert total.cost_usd == pytest.approx(2 * u.cost_usd)
