"""Claude model ids: the forms the scorer accepts, and the model family a price and a cache minimum belong to.

Accepted (the Claude API and Amazon Bedrock forms, from Anthropic's models overview and its Bedrock page,
https://platform.claude.com/docs/en/about-claude/models/overview and
https://platform.claude.com/docs/en/build-with-claude/claude-on-amazon-bedrock):
- undated aliases and ids: ``claude-haiku-4-5``, ``claude-sonnet-5-5``, ``claude-opus-5``;
- dated snapshots: ``claude-haiku-4-5-20251001``;
- Bedrock base model ids: ``anthropic.claude-sonnet-4-5-20250929-v1:0``, ``anthropic.claude-sonnet-4-6``;
- Bedrock inference profiles: ``us.anthropic.claude-haiku-4-5-20251001-v1:0``, ``global.anthropic.…``.
"""

from __future__ import annotations

import re

MODEL_ID = re.compile(
    r"^(?:(?P<profile>[a-z]{2,6})\.)?(?P<vendor>anthropic\.)?(?P<name>claude-[a-z0-9]+(?:-[a-z0-9]+)*?)"
    r"(?:-(?P<date>\d{8}))?(?P<bedrock>-v\d+(?::\d+)?)?$"
)
FORMS = (
    "claude-haiku-4-5, claude-haiku-4-5-20251001, anthropic.claude-haiku-4-5-20251001-v1:0 "
    "or us.anthropic.claude-haiku-4-5-20251001-v1:0"
)


class InvalidModelId(ValueError):
    """Not a Claude model id in any form the Claude API or Bedrock takes."""


def family(model: str) -> str:
    """The model without date, Bedrock prefix and version suffix: what a price and a cache minimum belong to."""
    m = MODEL_ID.match(model)
    if m is None or (m.group("profile") and not m.group("vendor")):
        raise InvalidModelId(f"{model!r} is not a Claude model id; write it like {FORMS}")
    return m.group("name")


def is_bedrock(model: str) -> bool:
    """A Bedrock model or inference profile id (``anthropic.`` prefix) rather than a Claude API id."""
    m = MODEL_ID.match(model)
    return bool(m and m.group("vendor"))


def check(model: str) -> str:
    """``model`` unchanged when it is a model id in an accepted form; InvalidModelId saying what to write if not."""
    family(model)
    return model
