"""The prompt's cached prefix, measured with the real client's `messages.count_tokens` against the stub, is long
enough for every priced model to cache it; the second conversation scored reads it from the cache."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import anthropic
import pytest
from test_claude_scorer import ANSWER, CHAT

from cx.scoring.claude.adapter import ClaudeScorer
from cx.scoring.claude.caching import LARGEST_MINIMUM, cacheable_tokens, min_cacheable
from cx.scoring.claude.pricing import PRICES
from cx.scoring.claude.rubric import Rubric
from cxlocal.anthropic_stub import AnthropicStub, tool_reply

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
HAIKU = "claude-haiku-4-5"


@pytest.fixture
def stub() -> Iterator[AnthropicStub]:
    with AnthropicStub(cache_minimum=min_cacheable(HAIKU)) as s:
        yield s


def _client(stub: AnthropicStub) -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key="test-key", base_url=stub.base_url, max_retries=0)


@pytest.mark.parametrize("model", sorted(PRICES))
def test_the_default_prompt_prefix_reaches_each_priced_models_cache_minimum(stub: AnthropicStub, model: str) -> None:
    tokens = cacheable_tokens(_client(stub), model, Rubric.load())

    assert tokens >= min_cacheable(model)
    assert stub.requests[-2].path == "/v1/messages/count_tokens"
    assert stub.requests[-2].body["system"][-1]["cache_control"] == {"type": "ephemeral"}


def test_the_old_rubric_alone_is_below_the_small_models_minimum(stub: AnthropicStub) -> None:
    """Why the worked examples are there: without them Haiku 4.5 (minimum 4,096) never caches."""
    assert cacheable_tokens(_client(stub), HAIKU, Rubric.load("claude-v1")) < LARGEST_MINIMUM


def test_the_second_conversation_reads_the_prefix_from_the_cache(stub: AnthropicStub) -> None:
    scorer = ClaudeScorer(model=HAIKU, api_key="test-key", base_url=stub.base_url, sleep=lambda _: None)
    stub.script(tool_reply(ANSWER), tool_reply(ANSWER))
    prefix = cacheable_tokens(_client(stub), HAIKU, scorer.rubric)

    first = scorer.score(CHAT, NOW).usage
    second = scorer.score(CHAT.model_copy(update={"id": "c-claude-2"}), NOW).usage

    assert first is not None and second is not None
    # the stub's count rounds up once per request: the measured prefix may differ from the cached one by a token
    assert first.cache_read_input_tokens == 0 and abs(first.cache_creation_input_tokens - prefix) <= 1
    assert (
        second.cache_creation_input_tokens == 0 and second.cache_read_input_tokens == first.cache_creation_input_tokens
    )
    # the conversation itself is never in the cached part
    assert 0 < second.input_tokens < prefix
    assert second.cost_usd is not None and first.cost_usd is not None and second.cost_usd < first.cost_usd


def test_with_the_old_rubric_nothing_is_cached(stub: AnthropicStub) -> None:
    scorer = ClaudeScorer(
        model=HAIKU, api_key="test-key", base_url=stub.base_url, rubric=Rubric.load("claude-v1"), sleep=lambda _: None
    )
    stub.script(tool_reply(ANSWER), tool_reply(ANSWER))

    usages = [scorer.score(CHAT, NOW).usage for _ in range(2)]

    assert all(u is not None and u.cache_read_input_tokens == u.cache_creation_input_tokens == 0 for u in usages)
