"""Personal data never leaves for the model: each kind is replaced, ordinary text is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from pii_corpus import NEGATIVES, POSITIVES, measure

from cx.domain.conversation import Conversation
from cx.scoring.claude.prompt import redacted_texts
from cx.scoring.claude.redact import redact, redact_messages

REPO = Path(__file__).resolve().parents[4]


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


def test_the_corpus_recall_is_at_least_95_percent_per_kind_and_no_id_is_redacted() -> None:
    """Formats from UK, US, DE, FR, NL, ES, IT, IN, JP and AU (bench/redaction_bench.py prints the figures)."""
    recall, changed, missed = measure()

    assert set(recall) == {"email", "phone", "card", "account", "address"}
    for kind, (hit, total) in recall.items():
        assert hit / total >= 0.95, (kind, missed)
    assert changed == []
    assert len(POSITIVES) >= 50 and len(NEGATIVES) >= 20


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("you can call me at 555-0132", "555-0132"),
        ("my postcode is sw1a 1aa", "sw1a 1aa"),
        ("deliver to 14 Rosemary Gardens", "Rosemary Gardens"),
        ("Lieferung an Hauptstraße 5, 10115 Berlin", "Hauptstraße 5"),
        ("j'habite au 12 rue de la Paix, 75002 Paris", "rue de la Paix"),
        ("appelez-moi au 06 12 34 56 78", "06 12 34 56 78"),
        ("meine IBAN: DE89 3704 0044 0532 0130 00", "0532 0130"),
    ],
)
def test_formats_the_old_patterns_missed_are_replaced(text: str, secret: str) -> None:
    assert secret not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Invoice INV-2026-000123 was charged twice.",
        "Case 2026-000456 escalated.",
        "Order number 7788990011 never arrived.",
    ],
)
def test_ids_that_look_like_numbers_survive(text: str) -> None:
    assert redact(text) == text


def test_an_iban_that_fails_its_check_digits_is_left_alone() -> None:
    assert redact("ref GB00 WEST 1234 5698 7654 32") == "ref GB00 WEST 1234 5698 7654 32"


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (["my card is 4111 1111", "1111 1111"], ["my card is [CARD]", "[CARD]"]),
        (["it's tanaka.hiro@", "example.jp thanks"], ["it's [EMAIL]", "[EMAIL] thanks"]),
        (["What is your account number?", "It's 98765432"], ["What is your account number?", "It's [ACCOUNT]"]),
        (["call me on +44 20 7946", "0958 thanks"], ["call me on [PHONE]", "[PHONE] thanks"]),
    ],
)
def test_data_split_over_two_turns_is_replaced_in_both(turns: list[str], expected: list[str]) -> None:
    assert redact_messages(turns) == expected


def test_the_model_is_sent_each_message_redacted_across_turns() -> None:
    turns = [("customer", "my card is 4111 1111"), ("customer", "1111 1111"), ("agent", "Thanks, refunded.")]
    chat = Conversation.model_validate(
        {"id": "c-split", "channel": "chat", "messages": [{"role": r, "text": t} for r, t in turns]}
    )

    assert redacted_texts(chat) == ["my card is [CARD]", "[CARD]", "Thanks, refunded."]


def test_the_score_function_packages_the_phone_detector() -> None:
    """Only the score function runs the Claude scorer: only its requirements list `phonenumberslite`."""
    assert "phonenumbers" in (REPO / "functions" / "score" / "requirements.txt").read_text()
    assert '"phonenumbers' in (REPO / "pyproject.toml").read_text()
