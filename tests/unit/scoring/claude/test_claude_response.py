"""The model's tool input becomes an evaluation only when it fits the schema and its quotes are real."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from cx.domain.conversation import Conversation
from cx.domain.evaluation import ScorerInfo
from cx.scoring.claude.prompt import redacted_texts
from cx.scoring.claude.response import InvalidOutput, to_evaluation

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
INFO = ScorerInfo(name="claude", version="1.0.0+m", model="m", rubric_version="claude-v1")
CHAT = Conversation.model_validate(
    {
        "id": "c-9",
        "channel": "chat",
        "messages": [
            {"role": "customer", "text": "I was charged twice. My email is ann@example.com."},
            {"role": "agent", "text": "Sorry! I've refunded the duplicate charge just now."},
            {"role": "customer", "text": "Thanks, that fixed it."},
        ],
    }
)
GOOD: dict[str, Any] = {
    "cx_score": 4,
    "sub_scores": {"resolution": "resolved", "sentiment": 4.5, "effort": 4, "service_quality": 4},
    "reasons": [
        {
            "factor": "resolution",
            "direction": "positive",
            "summary": "Refund done in the chat.",
            "evidence": [{"message_index": 1, "quote": "I've refunded the duplicate charge"}],
        },
        {
            "factor": "tone",
            "direction": "positive",
            "summary": "Customer thanks the agent.",
            "evidence": [{"message_index": 2, "quote": "that fixed it"}],
        },
    ],
    "outcome_guess": "resolved",
    "confidence": 0.8,
}


def evaluate(raw: Any) -> Any:
    return to_evaluation(raw, CHAT, redacted_texts(CHAT), INFO, NOW)


def test_a_valid_answer_becomes_an_unflagged_evaluation() -> None:
    evaluation = evaluate(GOOD)

    assert evaluation.cx_score == 4
    assert evaluation.outcome_guess == "resolved"
    assert evaluation.confidence == 0.8
    assert not evaluation.flagged
    assert [r.evidence[0].quote for r in evaluation.reasons] == ["I've refunded the duplicate charge", "that fixed it"]


def test_a_quote_not_in_the_cited_message_is_dropped_and_flagged() -> None:
    raw = copy.deepcopy(GOOD)
    raw["reasons"][1]["evidence"] = [{"message_index": 2, "quote": "you are the best agent ever"}]

    evaluation = evaluate(raw)

    assert evaluation.flagged
    assert len(evaluation.reasons) == 1
    assert "reason 1, message 2" in evaluation.flags[0]


def test_a_quote_cited_from_the_wrong_message_is_dropped() -> None:
    raw = copy.deepcopy(GOOD)
    raw["reasons"][0]["evidence"].append({"message_index": 0, "quote": "that fixed it"})

    evaluation = evaluate(raw)

    assert evaluation.flagged
    assert [e.message_index for e in evaluation.reasons[0].evidence] == [1]


def test_quotes_are_checked_against_the_redacted_text() -> None:
    raw = copy.deepcopy(GOOD)
    raw["reasons"][0]["evidence"] = [{"message_index": 0, "quote": "My email is [EMAIL]."}]

    assert not evaluate(raw).flagged
    raw["reasons"][0]["evidence"] = [{"message_index": 0, "quote": "ann@example.com"}]
    assert evaluate(raw).flagged


def test_no_real_evidence_at_all_is_invalid() -> None:
    raw = copy.deepcopy(GOOD)
    for reason in raw["reasons"]:
        reason["evidence"] = [{"message_index": 7, "quote": "made up"}]

    with pytest.raises(InvalidOutput):
        evaluate(raw)


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.update(cx_score=7),
        lambda r: r.update(cx_score="4"),
        lambda r: r.update(confidence=1.5),
        lambda r: r["sub_scores"].update(effort=0),
        lambda r: r["sub_scores"].update(resolution="mostly"),
        lambda r: r.update(reasons=[]),
        lambda r: r.update(reasons=r["reasons"] * 3),
        lambda r: r["reasons"][0].update(factor="vibes"),
        lambda r: r.update(extra_field=1),
        lambda r: r.pop("outcome_guess"),
    ],
)
def test_answers_outside_the_schema_are_rejected(change: Any) -> None:
    raw = copy.deepcopy(GOOD)
    change(raw)

    with pytest.raises(InvalidOutput):
        evaluate(raw)


def test_a_non_object_answer_is_rejected() -> None:
    with pytest.raises(InvalidOutput):
        evaluate("cx_score: 5")
