"""Personal data never leaves for the model: each kind is replaced, ordinary text is left alone."""

from __future__ import annotations

import pytest

from cx.scoring.claude.redact import redact


@pytest.mark.parametrize(
    ("text", "secret", "placeholder"),
    [
        ("write to jane.doe+billing@example.co.uk please", "jane.doe+billing@example.co.uk", "[EMAIL]"),
        ("call me on +44 20 7946 0958 after six", "7946 0958", "[PHONE]"),
        ("my number is (415) 555-0132", "555-0132", "[PHONE]"),
        ("card 4111 1111 1111 1111 was charged", "4111 1111 1111 1111", "[CARD]"),
        ("it's 4111-1111-1111-1111", "1111-1111", "[CARD]"),
        ("my account number is 12345678", "12345678", "[ACCOUNT]"),
        ("acct #AB-99812 is locked", "AB-99812", "[ACCOUNT]"),
        ("IBAN GB82 WEST 1234 5698 7654 32", "GB82 WEST", "[ACCOUNT]"),
        ("I live at 221B Baker Street, London", "221B Baker Street", "[ADDRESS]"),
        ("send it to 1600 Pennsylvania Ave, Washington DC 20500", "Pennsylvania", "[ADDRESS]"),
        ("postcode NW1 6XE", "NW1 6XE", "[ADDRESS]"),
    ],
)
def test_each_kind_of_personal_data_is_replaced(text: str, secret: str, placeholder: str) -> None:
    redacted = redact(text)

    assert secret not in redacted
    assert placeholder in redacted


@pytest.mark.parametrize(
    "text",
    [
        "I was charged twice on 2026-11-23 at 10:30.",
        "I paid 20 dollars 3 times, order 4471.",
        "My account is locked and I can't log in!",
        "Please restart your router and wait 5 minutes.",
    ],
)
def test_ordinary_support_text_is_unchanged(text: str) -> None:
    assert redact(text) == text
