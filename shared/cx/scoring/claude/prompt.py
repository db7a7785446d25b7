"""The Messages API request for one conversation: tool, cached rubric system block, numbered transcript."""

from __future__ import annotations

from typing import Any

from cx.domain.conversation import Conversation

from .redact import redact_messages
from .rubric import Rubric
from .schema import TOOL, TOOL_NAME

MAX_TOKENS = 2048
INSTRUCTIONS = (
    "You evaluate customer support conversations for a CX analytics product. Read the rubric, then call "
    f"the {TOOL_NAME} tool exactly once. Messages are numbered [0], [1], ...; quote evidence verbatim."
)


def redacted_texts(conversation: Conversation) -> list[str]:
    """Each message's text as the model sees it (personal data removed, read across turns)."""
    return redact_messages([m.text for m in conversation.messages])


def transcript(conversation: Conversation, texts: list[str]) -> str:
    lines = [f'<conversation channel="{conversation.channel.value}">']
    lines += [
        f"[{i}] {m.role.value}: {text}" for i, (m, text) in enumerate(zip(conversation.messages, texts, strict=True))
    ]
    lines.append("</conversation>")
    return "\n".join(lines)


def system_blocks(rubric: Rubric) -> list[dict[str, Any]]:
    """The instructions, then the rubric (with its worked examples) ending in the cache breakpoint."""
    return [
        {"type": "text", "text": INSTRUCTIONS},
        {"type": "text", "text": rubric.text, "cache_control": {"type": "ephemeral"}},
    ]


def build_request(model: str, rubric: Rubric, conversation: Conversation, texts: list[str]) -> dict[str, Any]:
    """Keyword arguments for ``messages.create``. Tools and system come first and end in a cache breakpoint,
    so every conversation after the first reads the rubric from the prompt cache (see caching.py)."""

    return {
        "model": model,
        "max_tokens": MAX_TOKENS,
        "tools": [TOOL],
        "tool_choice": {"type": "tool", "name": TOOL_NAME},
        "system": system_blocks(rubric),
        "messages": [{"role": "user", "content": transcript(conversation, texts)}],
    }
