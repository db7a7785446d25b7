"""A section of labelled fields (`*label*` over its value), as the case, evaluation and plan views show them."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

MAX_FIELDS = 10  # Slack's limit for a section


def labelled_fields(fields: Sequence[tuple[str, str]]) -> SectionBlock:
    return SectionBlock(fields=[MarkdownTextObject(text=f"*{label}*\n{value}") for label, value in fields[:MAX_FIELDS]])
