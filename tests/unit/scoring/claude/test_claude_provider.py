"""A model id of the other provider's form is refused before any call, with what to set; the deadline stops calls."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from factories import conversation

from cx.scoring import deadline
from cx.scoring.claude.adapter import ClaudeScorer
from cx.scoring.port import ScorerUnavailable

NOW = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("model", "provider", "says"),
    [
        ("claude-haiku-4-5", "bedrock", "Bedrock id such as us.anthropic"),
        ("us.anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic", "ClaudeProvider=bedrock"),
    ],
)
def test_a_workspace_model_of_the_other_form_leaves_the_message_queued_with_what_to_set(
    model: str, provider: str, says: str
) -> None:
    scorer = ClaudeScorer(model=model, api_key="k", provider=provider, aws_region="eu-west-1")

    with pytest.raises(ScorerUnavailable, match=says):
        scorer.score(conversation("c-1"), NOW)


def test_no_call_is_started_with_too_little_of_the_invocation_left() -> None:
    scorer = ClaudeScorer(model="claude-haiku-4-5", api_key="k", base_url="http://127.0.0.1:9")
    deadline.until(lambda: 3.0)
    try:
        with pytest.raises(ScorerUnavailable, match=r"3\.0s left in this invocation: no call started"):
            scorer.score(conversation("c-1"), NOW)
    finally:
        deadline.until(None)
    assert scorer.circuit.allow()  # running out of time is not an API failure
