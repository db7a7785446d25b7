"""Prompt caching: the shortest prefix each model caches, and the request that measures ours.

The prompt is laid out so that everything stable comes first and ends in the cache breakpoint: the tool
(its schema), the instructions, then the rubric with its worked examples (``cache_control`` on that last
system block); the conversation comes after it, in the user message. A prefix shorter than the model's
minimum is not cached at all (no error: both cache counters stay 0), so the rubric carries worked examples
that lift the prefix over the largest minimum below.

Minimums in tokens, from Anthropic's prompt-caching page
(https://platform.claude.com/docs/en/build-with-claude/prompt-caching, "Cache limitations"), 2026-12-01.
Families the page gives no figure for are taken at the largest minimum (4,096), so a prefix that passes
here passes there.
"""

from __future__ import annotations

from typing import Any

from .models import InvalidModelId, family
from .prompt import system_blocks
from .rubric import Rubric
from .schema import TOOL, TOOL_NAME

MIN_CACHEABLE: dict[str, int] = {
    "claude-fable-5": 512,
    "claude-opus-5": 512,
    "claude-opus-4-8": 1024,
    "claude-opus-4-7": 2048,
    "claude-opus-4-6": 4096,
    "claude-opus-4-5": 4096,
    "claude-opus-4-1": 1024,
    "claude-sonnet-5": 1024,
    "claude-sonnet-4-6": 1024,
    "claude-haiku-4-5": 4096,
}
LARGEST_MINIMUM = 4096


def min_cacheable(model: str) -> int:
    """The shortest prefix ``model`` caches (the largest known minimum for a family the page does not list)."""
    try:
        return MIN_CACHEABLE.get(family(model), LARGEST_MINIMUM)
    except InvalidModelId:
        return LARGEST_MINIMUM


def prefix_request(model: str, rubric: Rubric) -> dict[str, Any]:
    """``messages.count_tokens`` arguments for the cached prefix alone: tools and system as every request sends
    them, with a one-character user message (the endpoint needs one; it adds a token or so)."""
    return {
        "model": model,
        "tools": [TOOL],
        "tool_choice": {"type": "tool", "name": TOOL_NAME},
        "system": system_blocks(rubric),
        "messages": [{"role": "user", "content": "."}],
    }


def cacheable_tokens(client: Any, model: str, rubric: Rubric) -> int:
    """The cached prefix's length in tokens, as the API counts it for ``model``: the prefix with a one-character
    message, less that message counted alone."""
    request = prefix_request(model, rubric)
    whole = client.messages.count_tokens(**request).input_tokens
    message = client.messages.count_tokens(model=model, messages=request["messages"]).input_tokens
    return int(whole - message)
