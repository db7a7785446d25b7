"""An HTTP 200 from the Messages API that is not a message: a proxy's HTML page, JSON cut short, an error body.

The SDK hands such an answer back as a string, raises a JSON decode error, or builds a Message with its
fields missing. Each is a failed call like a 5xx: counted by the circuit breaker, retried, its reason kept.
"""

from __future__ import annotations

from typing import Any


class NotAMessage(Exception):
    """The answer was not a Messages API message; the text says what came instead."""


def not_a_message(response: Any) -> None:
    """Raise NotAMessage unless ``response`` is a message with content and usage."""
    if isinstance(response, str | bytes):
        start = response[:60] if isinstance(response, str) else response[:60].decode(errors="replace")
        raise NotAMessage(f"a 200 answer that is not JSON ({start.strip()!r}…)")
    if getattr(response, "type", None) != "message":
        raise NotAMessage(f"a 200 answer of type {getattr(response, 'type', None)!r}, not a message")
    if not isinstance(getattr(response, "content", None), list) or getattr(response, "usage", None) is None:
        raise NotAMessage("a 200 message without content or usage")
