"""Prices per million tokens by full model id (US dollars), and the cost of one response's usage.

Cache writes cost 1.25 times the input price and cache reads 0.1 times (5-minute ephemeral cache).
Add a model here before configuring it: an unknown model id is a configuration error. The SDK warns
that claude-sonnet-4-5-20250929 reaches end of life on 2026-11-30.
"""

from __future__ import annotations

from dataclasses import dataclass

from cx.domain.evaluation import Usage


@dataclass(frozen=True)
class Price:
    input: float
    output: float


PRICES: dict[str, Price] = {
    "claude-sonnet-4-5-20250929": Price(3.00, 15.00),
    "claude-haiku-4-5-20251001": Price(1.00, 5.00),
    "claude-opus-4-5-20251101": Price(5.00, 25.00),
    "claude-opus-4-1-20250805": Price(15.00, 75.00),
    "claude-sonnet-4-20250514": Price(3.00, 15.00),
    "claude-3-5-haiku-20241022": Price(0.80, 4.00),
}


BATCH_DISCOUNT = 0.5  # the Message Batches API bills half


def usage_cost(
    model: str, input_tokens: int, output_tokens: int, cache_read: int, cache_write: int, factor: float = 1.0
) -> Usage:
    p = PRICES[model]
    tokens = (
        input_tokens * p.input + cache_write * p.input * 1.25 + cache_read * p.input * 0.1 + output_tokens * p.output
    )
    cost = factor * tokens / 1_000_000
    return Usage(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cache_read_input_tokens=cache_read,
        cache_creation_input_tokens=cache_write,
        cost_usd=round(cost, 6),
    )


def add(a: Usage | None, b: Usage) -> Usage:
    if a is None:
        return b
    return Usage(
        input_tokens=a.input_tokens + b.input_tokens,
        output_tokens=a.output_tokens + b.output_tokens,
        cache_read_input_tokens=a.cache_read_input_tokens + b.cache_read_input_tokens,
        cache_creation_input_tokens=a.cache_creation_input_tokens + b.cache_creation_input_tokens,
        cost_usd=round(a.cost_usd + b.cost_usd, 6),
    )
