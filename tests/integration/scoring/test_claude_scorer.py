"""The Claude scorer with the real `anthropic` client against the local Messages API stub."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from cx.domain.conversation import Conversation
from cx.scoring.claude.adapter import ClaudeScorer
from cx.scoring.claude.circuit import CircuitBreaker
from cx.scoring.claude.pricing import PRICES
from cx.scoring.claude.rubric import Rubric
from cx.scoring.claude.schema import INPUT_SCHEMA, TOOL_NAME
from cx.scoring.port import ScorerUnavailable, ScoringError
from cxlocal.anthropic_stub import AnthropicStub, Reply, error_reply, raw_reply, text_reply, tool_reply

MODEL = "claude-haiku-4-5-20251001"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PII = ["ann.lee@example.com", "+1 415 555 0132", "4111 1111 1111 1111", "98765432", "12 Elm Street"]
CHAT = Conversation.model_validate(
    {
        "id": "c-claude-1",
        "channel": "chat",
        "messages": [
            {"role": "customer", "text": f"I was charged twice on card {PII[2]}. Mail me at {PII[0]}."},
            {"role": "agent", "text": "Sorry about that. What is your account number?"},
            {"role": "customer", "text": f"It's {PII[3]}, and call me on {PII[1]}. I live at {PII[4]}."},
            {"role": "agent", "text": "Thanks. I've refunded the duplicate charge now."},
            {"role": "customer", "text": "Great, that fixed it. Thank you!"},
        ],
    }
)
ANSWER: dict[str, Any] = {
    "cx_score": 4,
    "sub_scores": {"resolution": "resolved", "sentiment": 4.5, "effort": 3.5, "service_quality": 4},
    "reasons": [
        {
            "factor": "resolution",
            "direction": "positive",
            "summary": "The duplicate charge was refunded in the chat.",
            "evidence": [{"message_index": 3, "quote": "I've refunded the duplicate charge now."}],
        },
        {
            "factor": "effort",
            "direction": "negative",
            "summary": "The customer had to give personal details.",
            "evidence": [{"message_index": 2, "quote": "It's [ACCOUNT]"}],
        },
    ],
    "outcome_guess": "resolved",
    "confidence": 0.85,
}


@pytest.fixture
def stub() -> Iterator[AnthropicStub]:
    with AnthropicStub() as server:
        yield server


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def scorer(stub: AnthropicStub, sleeps: Sleeps | None = None, **kwargs: Any) -> ClaudeScorer:
    return ClaudeScorer(
        model=MODEL,
        api_key="test-key",
        base_url=stub.base_url,
        sleep=sleeps if sleeps is not None else Sleeps(),
        backoff=0.5,
        **kwargs,
    )


def test_scores_from_the_models_tool_call(stub: AnthropicStub) -> None:
    stub.script(tool_reply(ANSWER, input_tokens=1200, output_tokens=350, cache_read=1800))

    evaluation = scorer(stub).score(CHAT, NOW)

    assert evaluation.cx_score == 4
    assert evaluation.sub_scores.effort == 3.5
    assert evaluation.outcome_guess == "resolved"
    assert evaluation.confidence == 0.85
    assert not evaluation.flagged
    assert evaluation.scorer.model == MODEL
    assert evaluation.scorer.rubric_version == "claude-v2"
    assert evaluation.reasons[1].evidence[0].quote == "It's [ACCOUNT]"
    usage = evaluation.usage
    assert usage is not None
    assert (usage.input_tokens, usage.output_tokens, usage.cache_read_input_tokens) == (1200, 350, 1800)
    p = PRICES["claude-haiku-4-5"]
    assert usage.cost_usd == pytest.approx((1200 * p.input + 350 * p.output + 1800 * p.cache_read) / 1e6)


def test_the_request_caches_the_rubric_forces_the_tool_and_carries_no_personal_data(stub: AnthropicStub) -> None:
    stub.script(tool_reply(ANSWER))

    scorer(stub).score(CHAT, NOW)

    (request,) = stub.message_requests()
    body = request.body
    assert body["model"] == MODEL
    assert "test-key" in (
        request.headers.get("x-api-key"),
        request.headers.get("authorization", "").removeprefix("Bearer "),
    )
    rubric_block = body["system"][-1]
    assert rubric_block["text"] == Rubric.load().text
    assert rubric_block["cache_control"] == {"type": "ephemeral"}
    assert body["tools"][0]["name"] == TOOL_NAME
    assert body["tools"][0]["input_schema"] == INPUT_SCHEMA
    assert body["tool_choice"] == {"type": "tool", "name": TOOL_NAME}
    sent = json.dumps(body)
    for secret in PII:
        assert secret not in sent
    assert "[EMAIL]" in sent and "[CARD]" in sent and "[PHONE]" in sent and "[ADDRESS]" in sent


def test_an_invented_quote_is_dropped_and_the_evaluation_flagged(stub: AnthropicStub) -> None:
    answer = copy.deepcopy(ANSWER)
    answer["reasons"][1]["evidence"] = [{"message_index": 2, "quote": "I had to wait an hour"}]
    stub.script(tool_reply(answer))

    evaluation = scorer(stub).score(CHAT, NOW)

    assert evaluation.flagged
    assert [r.factor for r in evaluation.reasons] == ["resolution"]


def test_malformed_tool_output_is_asked_for_once_more(stub: AnthropicStub) -> None:
    stub.script(tool_reply({**ANSWER, "cx_score": 9}), tool_reply(ANSWER))

    evaluation = scorer(stub).score(CHAT, NOW)

    assert evaluation.cx_score == 4
    assert len(stub.message_requests()) == 2
    assert evaluation.usage is not None and evaluation.usage.input_tokens == 2 * 900  # both calls are paid for


def test_malformed_twice_fails_with_the_reason_and_no_score(stub: AnthropicStub) -> None:
    stub.script(tool_reply({**ANSWER, "cx_score": 0}), text_reply("I think this is a 4/5."))

    with pytest.raises(ScoringError, match="no valid evaluation"):
        scorer(stub).score(CHAT, NOW)
    assert len(stub.message_requests()) == 2


def test_a_429_is_retried_after_the_servers_retry_after(stub: AnthropicStub) -> None:
    sleeps = Sleeps()
    stub.script(error_reply(429, retry_after="2"), tool_reply(ANSWER))

    evaluation = scorer(stub, sleeps).score(CHAT, NOW)

    assert evaluation.cx_score == 4
    assert sleeps == [2.0]


def test_overload_and_server_errors_back_off_exponentially(stub: AnthropicStub) -> None:
    sleeps = Sleeps()
    stub.script(error_reply(529), error_reply(500), tool_reply(ANSWER))

    scorer(stub, sleeps, attempts=3).score(CHAT, NOW)

    assert len(sleeps) == 2
    assert 0.3 <= sleeps[0] <= 0.5 < sleeps[1] <= 1.0


def test_a_timeout_is_retried(stub: AnthropicStub) -> None:
    # the first answer comes long after the client gave up; the retry's answer has 3 s, plenty on a busy machine
    stub.script(Reply(body=tool_reply(ANSWER).body, delay=120), tool_reply(ANSWER))

    evaluation = scorer(stub, timeout=3.0).score(CHAT, NOW)

    assert evaluation.cx_score == 4
    assert len(stub.message_requests()) == 2


def test_a_529_storm_opens_the_circuit_and_stops_calling(stub: AnthropicStub) -> None:
    stub.script(*[error_reply(529) for _ in range(20)])
    claude = scorer(stub, attempts=3, circuit=CircuitBreaker(threshold=5, cooldown=60))

    outcomes = []
    for i in range(5):
        with pytest.raises(ScorerUnavailable) as raised:
            claude.score(CHAT.model_copy(update={"id": f"c-{i}"}), NOW)
        outcomes.append(str(raised.value))

    assert len(stub.message_requests()) == 5  # 3 for the first, 2 for the second, then none
    assert "circuit is open" in outcomes[-1]
    assert claude.circuit.is_open


def test_a_bad_request_marks_the_conversation_failed_not_unavailable(stub: AnthropicStub) -> None:
    stub.script(error_reply(400))

    with pytest.raises(ScoringError, match="400"):
        scorer(stub).score(CHAT, NOW)


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (raw_reply(b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"), "not JSON"),
        (raw_reply(b'{"id": "msg_01", "type": "message", "content": [{"type": "tool_u'), "JSONDecodeError"),
        (raw_reply(b'{"type": "error", "error": {"type": "api_error"}}'), "not a message"),
    ],
)
def test_a_200_that_is_not_a_message_is_a_failed_call_counted_by_the_circuit(
    stub: AnthropicStub, answer: Reply, reason: str
) -> None:
    """A proxy's page, a body cut short or an error body with status 200: retried, counted, its reason kept."""
    stub.script(answer, answer)
    circuit = CircuitBreaker(threshold=2, cooldown=60)
    claude = scorer(stub, attempts=2, circuit=circuit)

    with pytest.raises(ScorerUnavailable, match=reason):
        claude.score(CHAT, NOW)

    assert len(stub.message_requests()) == 2, "retried like any failed call"
    assert circuit.is_open, "both failures counted by the circuit breaker"
