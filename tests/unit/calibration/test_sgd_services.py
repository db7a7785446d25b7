"""The service of an SGD dialogue, from its first request (no shared data needed)."""

from __future__ import annotations

import pytest

from cx.calibration.sgd_services import OTHER, sgd_service
from cx.domain.conversation import Conversation


def _first(text: str) -> Conversation:
    messages = [{"role": "customer", "text": text}, {"role": "agent", "text": "Sure."}]
    return Conversation.model_validate({"id": "sgd-x", "channel": "chat", "messages": messages})


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("I need a doctor in San Jose.", "services"),
        ("Find me a bus to Fresno for 3 people.", "buses"),
        ("Can you get me a round trip plane ticket?", "flights"),
        ("I'd like to find a place to eat.", "restaurants"),
        ("I want to find a movie to watch.", "media"),
        ("What is the weather like on March 4th?", OTHER),
        ("Hello there.", OTHER),
    ],
)
def test_the_first_request_names_the_service(text: str, service: str) -> None:
    assert sgd_service(_first(text)) == service
