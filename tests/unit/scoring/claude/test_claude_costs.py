"""Cost per evaluation from the API's usage fields, and usage summed per day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from factories import conversation, evaluation

from cx.domain.evaluation import Usage
from cx.scoring.claude.costs import daily_usage
from cx.scoring.claude.pricing import PRICES, PRICES_AS_OF, add, dollars, total_cost, usage_cost

SONNET = "claude-sonnet-5-5"


def cost(u: Usage) -> float:
    assert u.cost_usd is not None, "a priced model's cost is known"
    return u.cost_usd


def test_cost_prices_each_kind_of_token() -> None:
    p = PRICES["claude-sonnet-5-5"]
    usage = usage_cost(SONNET, input_tokens=1000, output_tokens=200, cache_read=3000, cache_write=0)

    expected = (1000 * p.input + 200 * p.output + 3000 * p.cache_read) / 1_000_000
    assert usage.cost_usd == pytest.approx(expected)
    assert usage.cache_read_input_tokens == 3000


def test_a_cache_read_costs_less_than_a_cache_write() -> None:
    read = usage_cost(SONNET, 100, 100, cache_read=2000, cache_write=0)
    write = usage_cost(SONNET, 100, 100, cache_read=0, cache_write=2000)

    assert cost(read) < cost(write)


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
    assert total.cost_usd == pytest.approx(2 * cost(u))


@pytest.mark.parametrize(
    "model",
    [
        "claude-haiku-4-5",
        "claude-haiku-4-5-20251001",
        "anthropic.claude-haiku-4-5-20251001-v1:0",
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
    ],
)
def test_every_form_of_a_model_id_has_the_price_of_its_model(model: str) -> None:
    assert usage_cost(model, 1_000_000, 0, 0, 0).cost_usd == pytest.approx(PRICES["claude-haiku-4-5"].input)


def test_a_model_without_a_price_has_an_unknown_cost_not_a_crash_and_sums_stay_unknown() -> None:
    unknown = usage_cost("claude-sonnet-9", 1000, 100, 0, 0)
    known = usage_cost(SONNET, 1000, 100, 0, 0)

    assert unknown.cost_usd is None and unknown.input_tokens == 1000
    assert add(known, unknown).cost_usd is None and add(known, unknown).input_tokens == 2000
    assert dollars(unknown.cost_usd) == "unknown" and dollars(known.cost_usd).startswith("$")
    assert total_cost([known, unknown]) is None and total_cost([known, known]) == pytest.approx(2 * cost(known))


def test_the_price_list_is_dated_and_holds_no_model_retired_from_the_claude_api() -> None:
    assert date.fromisoformat(PRICES_AS_OF) >= date(2026, 12, 1)
    retired = {"claude-sonnet-4-5", "claude-sonnet-4", "claude-opus-4", "claude-3-5-haiku", "claude-3-haiku"}
    assert not retired & set(PRICES)
    assert all(p.cache_read < p.input < p.cache_write for p in PRICES.values())
