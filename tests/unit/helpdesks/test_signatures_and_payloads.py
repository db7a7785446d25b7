"""Vendor signatures as documented, JSON Lines on /ingest, and SQS batches split by size."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

from cx.helpdesks.signatures import check_intercom, check_zendesk
from cx.importers.queueing import messages
from cx.importers.records import split_payload
from cx.importers.result import Reject
from cx.importers.sizes import MAX_MESSAGE_BYTES, batches

NOW = datetime(2026, 11, 20, 9, 40, tzinfo=UTC)


def test_intercom_signature_is_sha1_hex_of_the_body_keyed_by_the_client_secret() -> None:
    body = b'{"type":"notification_event"}'
    header = "sha1=" + hmac.new(b"client-secret", body, hashlib.sha1).hexdigest()  # as Intercom's docs compute it

    assert check_intercom(body, header, "client-secret") is None
    assert check_intercom(body + b" ", header, "client-secret") is not None
    assert check_intercom(body, header, "other") is not None
    assert "no X-Hub-Signature" in str(check_intercom(body, None, "client-secret"))


def test_zendesk_signature_is_base64_sha256_of_timestamp_and_body_and_must_be_fresh() -> None:
    body, stamp = b'{"type":"zen:event-type:ticket.status_changed"}', "2026-11-20T09:40:00Z"
    header = base64.b64encode(hmac.new(b"signing", stamp.encode() + body, hashlib.sha256).digest()).decode()

    assert check_zendesk(body, header, stamp, "signing", NOW) is None
    assert check_zendesk(body, header, stamp, "signing", NOW + timedelta(minutes=4)) is None
    assert "stale" in str(check_zendesk(body, header, stamp, "signing", NOW + timedelta(minutes=6)))
    assert check_zendesk(body, header, "2026-11-20T09:41:00Z", "signing", NOW) is not None  # timestamp is signed
    assert check_zendesk(body, header, stamp, "", NOW) is not None


def test_ingest_reads_json_lines_and_reports_each_line() -> None:
    good = {"id": "a", "channel": "chat", "messages": [{"role": "customer", "text": "hi"}]}
    body = "\n".join([json.dumps(good), "{not json", json.dumps({**good, "id": "b"}), ""])

    accepted, rejects = split_payload(body)

    assert [c.id for c in accepted] == ["a", "b"]
    assert [(r.line, "not valid JSON" in r.reason) for r in rejects] == [(2, True)]


def test_a_conversation_too_big_for_a_queue_message_is_rejected_with_its_size() -> None:
    """Validation caps the transcript (cx.domain.limits); the queue's own limit is the last guard, here made small."""
    big = {"id": "big", "channel": "chat", "messages": [{"role": "customer", "text": "x" * 3000}]}
    small = {"id": "ok", "channel": "chat", "messages": [{"role": "customer", "text": "hi"}]}
    accepted, rejects = split_payload(json.dumps([big, small]))

    out = messages(accepted, rejects, source="ingest-api", limit=2048)

    assert [json.loads(b)["id"] for b in out.bodies] == ["ok"]
    (reject,) = out.rejects
    assert reject.id == "big" and "3 KiB" in reject.reason and "over the 2 KiB" in reject.reason


def test_a_reject_kept_without_a_bucket_is_cut_to_fit_the_rejects_queue() -> None:
    big = {"id": "big", "channel": "chat", "messages": [{"role": "customer", "text": "x" * 300_000}]}
    accepted, rejects = split_payload(json.dumps(big))

    (reject,) = messages(accepted, rejects, source="ingest-api").rejects

    assert reject.id == "big" and "too long" in reject.reason
    assert len(reject.model_dump_json().encode()) < MAX_MESSAGE_BYTES


def test_batches_respect_both_the_count_and_the_total_size() -> None:
    bodies = ["x" * 100_000] * 5 + ["y"] * 12

    groups = batches(bodies)

    assert all(len(g) <= 10 and sum(len(b) for b in g) <= MAX_MESSAGE_BYTES for g in groups)
    assert [b for g in groups for b in g] == bodies
    assert [len(g) for g in groups][:2] == [2, 2]


def test_a_reject_too_big_for_the_rejects_queue_is_kept_whole_elsewhere_and_points_there() -> None:
    big = {"id": "big", "channel": "chat", "messages": [{"role": "customer", "text": "x" * 300_000}]}
    accepted, rejects = split_payload(json.dumps(big))
    kept: list[Reject] = []

    def keep(reject: Reject) -> str:
        kept.append(reject)
        return "s3://overflow/rejects/big.json"

    (reject,) = messages(accepted, rejects, source="ingest-api", keep_whole=keep).rejects

    assert reject.record == {"id": "big", "kept_whole_in": "s3://overflow/rejects/big.json"}
    assert kept[0].record["messages"][0]["text"] == "x" * 300_000  # type: ignore[index]
