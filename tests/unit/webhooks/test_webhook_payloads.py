"""The product's own webhook JSON, and its X-Signature."""

from __future__ import annotations

import json

from cx.webhooks.payloads import split_webhook
from cx.webhooks.signature import sign, verify


def test_the_products_own_json_passes_through() -> None:
    body = json.dumps({"id": "p-1", "channel": "voice", "messages": [{"role": "customer", "text": "Hello"}]})

    (conversation,), rejects = split_webhook(body)

    assert conversation.id == "p-1" and rejects == []


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
