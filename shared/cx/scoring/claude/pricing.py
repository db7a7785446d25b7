"""Prices per million tokens by model family (US dollars), and the cost of one response's usage.

Prices as of 2026-12-01, from Anthropic's pricing page, https://platform.claude.com/docs/en/about-claude/pricing
(and each model's overview page under https://platform.claude.com/docs/en/models/). A dated id, an undated alias,
a Bedrock model id and a Bedrock inference profile of one model share its family's price (``models.family``).
Left out as retired on the Claude API: Sonnet 4.5 (retired 2026-11-30), Sonnet 4, Opus 4, Haiku 3.5, Haiku 3.
Opus 4.1 stays because Bedrock still serves it. Haiku 5.5 is priced in two bands by prompt length; the band
here is prompts up to 100,000 tokens (a conversation scored here is a few thousand).

On Bedrock the bill comes from AWS, at AWS's price list: the cost shown is this table's estimate.
A model without a price here still scores; its cost is unknown (None), never a guess and never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass

from cx.domain.evaluation import Usage

from .models import InvalidModelId, family

PRICES_AS_OF = "2026-12-01"


@dataclass(frozen=True)
class Price:
    input: float
    output: float
    cache_write: float  # 5-minute ephemeral cache write
    cache_read: float  # cache hits and refreshes


PRICES: dict[str, Price] = {
    "claude-fable-5-1": Price(10.00, 50.00, 12.50, 0.25),
    "claude-fable-5": Price(10.00, 50.00, 12.50, 1.00),
    "claude-opus-5-5": Price(4.00, 20.00, 5.00, 0.20),
    "claude-opus-5": Price(5.00, 25.00, 6.25, 0.50),
    "claude-opus-4-8": Price(5.00, 25.00, 6.25, 0.50),
    "claude-opus-4-7": Price(5.00, 25.00, 6.25, 0.50),
    "claude-opus-4-6": Price(5.00, 25.00, 6.25, 0.50),
    "claude-opus-4-5": Price(5.00, 25.00, 6.25, 0.50),
    "claude-opus-4-1": Price(15.00, 75.00, 18.75, 1.50),  # retired on the Claude API, still on Bedrock
    "claude-sonnet-5-5": Price(2.00, 10.00, 2.50, 0.10),  # cache hits cut from $0.20 on 2026-10-07
    "claude-sonnet-5": Price(2.00, 10.00, 2.50, 0.20),
    "claude-sonnet-4-6": Price(3.00, 15.00, 3.75, 0.30),
    "claude-haiku-5-5": Price(0.10, 0.50, 0.125, 0.01),  # prompts up to 100K tokens
    "claude-haiku-4-5": Price(1.00, 5.00, 1.25, 0.10),
}

BATCH_DISCOUNT = 0.5  # the Message Batches API bills half


def price_of(model: str) -> Price | None:
    """The price of ``model``'s family, or None when the table has none (or the id is not a model id)."""
    try:
        return PRICES.get(family(model))
    except InvalidModelId:
        return None


def usage_cost(
    model: str, input_tokens: int, output_tokens: int, cache_read: int, cache_write: int, factor: float = 1.0
) -> Usage:
    p = price_of(model)
    cost: float | None = None
    if p is not None:
        tokens = input_tokens * p.input + cache_write * p.cache_write + cache_read * p.cache_read
        cost = round(factor * (tokens + output_tokens * p.output) / 1_000_000, 6)
    return Usage(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cache_read_input_tokens=cache_read,
        cache_creation_input_tokens=cache_write,
        cost_usd=cost,
    )


def add(a: Usage | None, b: Usage) -> Usage:
    """Tokens summed; the cost is unknown once any part of it is."""
    if a is None:
        return b
    cost = None if a.cost_usd is None or b.cost_usd is None else round(a.cost_usd + b.cost_usd, 6)
    return Usage(
        input_tokens=a.input_tokens + b.input_tokens,
        output_tokens=a.output_tokens + b.output_tokens,
        cache_read_input_tokens=a.cache_read_input_tokens + b.cache_read_input_tokens,
        cache_creation_input_tokens=a.cache_creation_input_tokens + b.cache_creation_input_tokens,
        cost_usd=cost,
    )


def dollars(cost: float | None, places: int = 4) -> str:
    """A cost as shown to people: ``$0.0123``, or ``unknown`` when the model has no price here."""
    return "unknown" if cost is None else f"${cost:.{places}f}"


def total_cost(usages: list[Usage]) -> float | None:
    """The sum of the costs, or None when any is unknown."""
    costs = [u.cost_usd for u in usages]
    return None if any(c is None for c in costs) else round(sum(c for c in costs if c is not None), 6)
