"""Webhook bodies from Intercom, Zendesk and the product itself become the same conversations; signatures hold."""

from __future__ import annotations

import json
from pathlib import Path

from cx.domain.conversation import CaseOutcome, Channel, Role
from cx.webhooks.payloads import split_webhook
from cx.webhooks.signature import sign, verify

EVENTS = Path(__file__).resolve().parents[2] / "events"


def test_an_intercom_conversation_maps_to_customer_and_agent_turns_without_notes() -> None:
    (conversation,), rejects = split_webhook((EVENTS / "intercom_conversation_closed.json").read_text())

    assert rejects == []
    assert conversation.id == "intercom-215471"
    assert conversation.channel is Channel.CHAT
    assert [(m.role, m.text) for m in conversation.messages] == [
        (Role.CUSTOMER, "Hi, I was charged twice for my plan this month."),
        (Role.AGENT, "Sorry about that & thanks for waiting.\nI've refunded the duplicate charge."),
        (Role.CUSTOMER, "Great, thank you!"),
    ]
    assert conversation.agent_id == "5017691"
    assert conversation.case_outcome is CaseOutcome.RESOLVED
    assert conversation.messages[1].at is not None and conversation.started_at is not None


def test_a_zendesk_ticket_maps_public_comments_by_requester() -> None:
    (conversation,), rejects = split_webhook((EVENTS / "zendesk_ticket.json").read_text())

    assert rejects == []
    assert conversation.id == "zendesk-35436"
    assert conversation.channel is Channel.EMAIL
    assert [m.role for m in conversation.messages] == [Role.CUSTOMER, Role.AGENT]
    assert "Courier lost it" not in json.dumps([m.text for m in conversation.messages])
    assert conversation.customer_id == "20978392"
    assert conversation.case_outcome is CaseOutcome.RESOLVED


def test_the_products_own_json_passes_through() -> None:
    body = json.dumps({"id": "p-1", "channel": "voice", "messages": [{"role": "customer", "text": "Hello"}]})

    (conversation,), rejects = split_webhook(body)

    assert conversation.id == "p-1" and rejects == []


def test_a_ticket_with_no_customer_words_is_rejected_with_a_reason() -> None:
    ticket = json.loads((EVENTS / "zendesk_ticket.json").read_text())
    ticket["ticket"]["requester_id"] = 1

    accepted, (reject,) = split_webhook(json.dumps(ticket))

    assert accepted == []
    assert "customer message" in reject.reason


def test_not_json_is_rejected() -> None:
    accepted, (reject,) = split_webhook("<xml/>")

    assert accepted == [] and "not JSON" in reject.reason


def test_a_signature_holds_only_for_the_same_body_and_secret() -> None:
    body = b'{"id": "p-1"}'
    signature = sign(body, "s3cret")

    assert verify(body, signature, "s3cret")
    assert verify(body, signature.removeprefix("sha256="), "s3cret")
    assert not verify(body + b" ", signature, "s3cret")
    assert not verify(body, signature, "other")
    assert not verify(body, None, "s3cret")
    assert not verify(body, signature, "")
