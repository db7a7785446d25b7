"""Intercom and Zendesk, as they really send: signed notifications through the real ingest handler, the whole
conversation fetched by the real fetch handler from local fake vendor APIs, scored, aggregated, and answered
by /cx journeys in the real Bolt app."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
from lambda_loader import cold_start
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from support.http_events import post_event
from support.secrets import put_secret
from support.slack_views import all_text

from cx.access import Roles
from cx.bootstrap import build_stores, build_workspace_store, workspace_config
from cx.config import Settings
from cx.helpdesks.signatures import sign_intercom, sign_zendesk
from cx.workspace.changes import apply_changes
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.event_sources import StreamReader
from cxlocal.fake_intercom import FakeIntercom
from cxlocal.fake_slack import FakeSlack
from cxlocal.fake_zendesk import FakeZendesk
from cxlocal.slack_requests import signed_headers, slash_command_body
from cxlocal.template_tables import LocalTables

EVENTS = Path(__file__).resolve().parents[1] / "events"
CLIENT_SECRET, SIGNING_SECRET, TOKEN, EMAIL = "ic-client-secret", "zd-signing-secret", "api-token", "ops@example.com"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _load(name: str) -> Any:
    return json.loads((EVENTS / name).read_text())


@dataclass
class Stack:
    tables: LocalTables
    sqs: Any
    queues: dict[str, str]
    intercom: FakeIntercom
    zendesk: FakeZendesk
    ingest: Any
    context: Any

    def post(self, path: str, body: str, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        event = post_event(path, body, headers)
        response = self.ingest.handler(event, self.context)
        return response["statusCode"], json.loads(response["body"])

    def intercom_event(self, name: str, secret: str = CLIENT_SECRET) -> tuple[int, dict[str, Any]]:
        body = (EVENTS / "intercom" / name).read_text()
        return self.post("/webhook/intercom", body, {"x-hub-signature": sign_intercom(body.encode(), secret)})

    def zendesk_event(
        self, name: str, sent: datetime | None = None, secret: str = SIGNING_SECRET
    ) -> tuple[int, dict[str, Any]]:
        body = (EVENTS / "zendesk" / name).read_text()
        stamp = (sent or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        headers = {"x-zendesk-webhook-signature": sign_zendesk(body.encode(), stamp, secret),
                   "x-zendesk-webhook-signature-timestamp": stamp}  # fmt: skip
        return self.post("/webhook/zendesk", body, headers)

    def drain(self, queue: str) -> list[str]:
        bodies: list[str] = []
        while found := self.sqs.receive_message(QueueUrl=self.queues[queue], MaxNumberOfMessages=10).get("Messages"):
            bodies += [m["Body"] for m in found]
            for m in found:
                self.sqs.delete_message(QueueUrl=self.queues[queue], ReceiptHandle=m["ReceiptHandle"])
        return bodies


def _sqs_event(bodies: list[str]) -> dict[str, Any]:
    return {"Records": [{"messageId": f"m-{i}", "receiptHandle": f"r-{i}", "body": b,
                         "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "0"},
                         "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
                         "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:q", "awsRegion": "us-east-1"}
                        for i, b in enumerate(bodies)]}  # fmt: skip


@pytest.fixture
def stack(tables: LocalTables, moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    env = {
        "CX_CONVERSATIONS_TABLE": tables.conversations, "CX_EVALUATIONS_TABLE": tables.evaluations,
        "CX_AGGREGATES_TABLE": tables.aggregates, "CX_CONFIG_TABLE": tables.config,
        "CX_HELPDESK_TABLE": tables["HelpdeskTable"], "CX_DYNAMODB_ENDPOINT": tables.endpoint,
        "AWS_ENDPOINT_URL_SQS": moto_url, "AWS_ENDPOINT_URL_SECRETS_MANAGER": moto_url, "CX_TIMEZONE": "UTC",
        "AWS_ENDPOINT_URL_S3": moto_url, "CX_OVERFLOW_BUCKET": "overflow",
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
    }  # fmt: skip
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="overflow")
    sqs = boto3.client("sqs", region_name="us-east-1")
    queues = {n: sqs.create_queue(QueueName=f"{n}-{time.time_ns()}")["QueueUrl"] for n in ("score", "rejects", "fetch")}
    monkeypatch.setenv("CX_SCORE_QUEUE_URL", queues["score"])
    monkeypatch.setenv("CX_REJECTS_QUEUE_URL", queues["rejects"])
    monkeypatch.setenv("CX_FETCH_QUEUE_URL", queues["fetch"])
    monkeypatch.setenv("CX_WEBHOOK_SECRET_ARN", put_secret("webhook", {"secret": "x"}))
    signing = {"intercom_client_secret": CLIENT_SECRET, "zendesk_signing_secret": SIGNING_SECRET}
    monkeypatch.setenv("CX_HELPDESK_SIGNING_SECRET_ARN", put_secret("signing", signing))
    with FakeIntercom(TOKEN) as intercom, FakeZendesk(EMAIL, TOKEN, page_size=2) as zendesk:
        api = {"intercom_access_token": TOKEN, "intercom_base_url": intercom.url, "zendesk_base_url": zendesk.url,
               "zendesk_email": EMAIL, "zendesk_api_token": TOKEN}  # fmt: skip
        monkeypatch.setenv("CX_HELPDESK_API_SECRET_ARN", put_secret("api", api))
        yield Stack(tables, sqs, queues, intercom, zendesk, cold_start("ingest"), lambda_context)


def test_forged_stale_and_replayed_webhooks_are_refused(stack: Stack, capsys: pytest.CaptureFixture[str]) -> None:
    assert stack.intercom_event("notification_conversation_admin_closed.json", secret="not-the-client-secret")[0] == 401
    body = (EVENTS / "intercom" / "notification_conversation_admin_closed.json").read_text()
    assert stack.post("/webhook/intercom", body, {})[0] == 401
    status, answer = stack.zendesk_event("event_ticket_status_changed.json", sent=datetime(2026, 1, 1, tzinfo=UTC))
    assert status == 401 and "stale" in answer["message"]
    assert stack.zendesk_event("event_ticket_status_changed.json", secret="wrong")[0] == 401
    assert stack.drain("fetch") == []
    assert capsys.readouterr().out.count('"WebhookRefused"') >= 4  # one metric a refusal (EMF on stdout)

    assert stack.intercom_event("notification_conversation_admin_closed.json")[0] == 202
    status, answer = stack.intercom_event("notification_conversation_admin_closed.json")
    assert status == 409 and "already received" in answer["message"]
    assert len(stack.drain("fetch")) == 1


def _settings() -> Settings:
    return Settings.from_env()


def _configure(changes: list[str]) -> None:
    settings = _settings()
    store = build_workspace_store(settings)
    current = workspace_config(settings, lambda: NOW, create=True)
    assert current is not None
    new, entries = apply_changes(current, [tuple(c.split("=", 1)) for c in changes], by="test", at=NOW)  # type: ignore[misc]
    store.save(new, entries, expected_version=current.version)


def _stream_event(endpoint: str, table: str) -> dict[str, Any]:
    """The conversations table's stream records from DynamoDB Local, shaped as Lambda receives them."""
    return {"Records": StreamReader(endpoint, table).read_new()}


def test_vendor_events_become_cases_in_cx_journeys(stack: Stack) -> None:
    _configure([
        "helpdesk.intercom.journey=tag:journey-", "helpdesk.intercom.inquiry=attribute:Inquiry",
        "helpdesk.intercom.team.map=8100:billing-payments",
        "helpdesk.zendesk.journey=tag:journey-", "helpdesk.zendesk.inquiry=field:360011",
        "helpdesk.zendesk.team.map=98738:delivery-desk",
    ])  # fmt: skip
    stack.intercom.put(_load("intercom/conversation_215471.json"))
    zendesk_ticket = _load("zendesk/ticket_35436.json")["ticket"]
    stack.zendesk.put(
        zendesk_ticket, _load("zendesk/comments_35436.json")["comments"], _load("zendesk/users.json")["users"]
    )
    stack.zendesk.throttle("1")  # one 429 with Retry-After: the fetch waits and tries again

    # a comment on a ticket not solved yet is skipped; the close and the solve fetch the whole thread
    assert stack.zendesk_event("event_ticket_comment_added.json")[0] == 202
    assert stack.intercom_event("notification_conversation_admin_closed.json")[0] == 202
    assert stack.zendesk_event("event_ticket_status_changed.json")[0] == 202
    fetch = cold_start("helpdesk_fetch")
    events = stack.drain("fetch")
    assert len(events) == 3
    assert fetch.handler(_sqs_event(events), stack.context) == {"batchItemFailures": []}
    assert any(r.path.endswith("/comments.json") and "page[after]" in r.query for r in stack.zendesk.requests)
    assert sum(1 for r in stack.zendesk.requests if r.path == "/api/v2/tickets/35436.json") == 2  # one refused with 429

    queued = [json.loads(b) for b in stack.drain("score")]
    by_id = {c["id"]: c for c in queued}
    assert sorted(by_id) == ["intercom-215471", "zendesk-35436", "zendesk-35436-c2"]  # the switch to messaging
    intercom = by_id["intercom-215471"]
    assert [m["role"] for m in intercom["messages"]] == ["customer", "agent", "customer"]
    assert "Internal" not in json.dumps(intercom) and "[attachment: statement.pdf]" in intercom["messages"][0]["text"]
    assert (
        intercom["messages"][1]["text"] == "Sorry about that & thanks for waiting.\nI've refunded the duplicate charge."
    )
    mapped = ("journey", "inquiry", "team", "agent_id", "agent_name")
    assert tuple(intercom[k] for k in mapped) == (
        "billing",
        "double-charge",
        "billing-payments",
        "5017691",
        "Sam Ortiz",
    )
    zendesk = by_id["zendesk-35436"]
    assert "Courier lost it" not in json.dumps(queued)
    assert (zendesk["journey"], zendesk["inquiry"], zendesk["team"], zendesk["agent_name"], zendesk["channel"]) == (
        "delivery", "lost_parcel", "delivery-desk", "Riya Patel", "email")  # fmt: skip
    assert by_id["zendesk-35436-c2"]["channel"] == "chat" and by_id["zendesk-35436-c2"]["case_id"] == "zendesk-35436"
    assert {c["case_outcome"] for c in queued} == {"resolved"}

    assert cold_start("score").handler(_sqs_event([json.dumps(c) for c in queued]), stack.context) == {
        "batchItemFailures": []
    }
    aggregate = cold_start("aggregate")
    assert aggregate.handler(_stream_event(stack.tables.endpoint, stack.tables.conversations), stack.context) == {
        "batchItemFailures": []
    }

    build_stores(_settings()).roles.put_roles(Roles(managers=["U0MANAGER"]))
    with FakeSlack() as slack:
        services = build_services(_settings(), clock=lambda: NOW)
        app = build_app(services, "slack-secret", WebClient(token="xoxb-test", base_url=slack.api_url))
        body = slash_command_body("journeys last-30d", slack.response_url(), user_id="U0MANAGER")
        assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, "slack-secret")))).status == 200
        text = all_text(slack.wait_for("response_url", 1)[-1].body)
    assert "billing" in text and "delivery" in text
    stored = build_stores(_settings()).conversations.case_contacts("zendesk-35436")
    assert len(stored) == 2 and all(e is not None for _, e in stored)


def test_an_older_fetch_never_replaces_a_newer_conversation(stack: Stack) -> None:
    stack.intercom.put(_load("intercom/conversation_215471_reopened.json"))  # reopened, answered, closed again
    fetch = cold_start("helpdesk_fetch")
    assert stack.intercom_event("notification_conversation_admin_closed.json")[0] == 202
    assert fetch.handler(_sqs_event(stack.drain("fetch")), stack.context) == {"batchItemFailures": []}
    newer = stack.drain("score")
    assert sorted(json.loads(b)["id"] for b in newer) == ["intercom-215471", "intercom-215471-c2"]  # the reopen

    stack.intercom.put(_load("intercom/conversation_215471.json"))  # an older state arrives late (updated_at earlier)
    assert stack.intercom_event("notification_conversation_user_replied.json")[0] == 202
    assert fetch.handler(_sqs_event(stack.drain("fetch")), stack.context) == {"batchItemFailures": []}
    assert stack.drain("score") == []

    # the score queue does not keep order either: an older copy scored after the newer one leaves it in place
    score = cold_start("score")
    assert score.handler(_sqs_event(newer), stack.context) == {"batchItemFailures": []}
    older = json.loads(newer[0]) | {
        "source_updated_at": "2026-11-23T09:35:00+00:00",
        "messages": [{"role": "customer", "text": "an older copy"}],
    }
    assert score.handler(_sqs_event([json.dumps(older)]), stack.context) == {"batchItemFailures": []}
    kept = build_stores(_settings()).conversations.get_conversation("intercom-215471")
    assert kept is not None and "an older copy" not in kept.model_dump_json()


def test_ingest_takes_json_lines_as_the_docs_post_them_and_reports_each_line(stack: Stack) -> None:
    good = {"id": "j-1", "channel": "chat", "messages": [{"role": "customer", "text": "Where is my order?"}]}
    big = {**good, "id": "j-big", "messages": [{"role": "customer", "text": "long " * 60_000}]}
    lines = [json.dumps(good), "{oops", json.dumps({**good, "id": "j-2"}), json.dumps(big)]

    status, answer = stack.post(
        "/ingest", "\n".join(lines) + "\n", {"content-type": "application/x-www-form-urlencoded"}
    )

    assert status == 202 and answer["accepted"] == 2
    assert [(r["line"], r["id"]) for r in answer["rejected"]] == [(2, None), (4, "j-big")]
    assert "not valid JSON" in answer["rejected"][0]["reason"] and "too long" in answer["rejected"][1]["reason"]
    assert sorted(json.loads(b)["id"] for b in stack.drain("score")) == ["j-1", "j-2"]
    kept = {str(r["id"]): r for r in (json.loads(b) for b in stack.drain("rejects"))}
    assert sorted(kept) == ["None", "j-big"]
    where = kept["j-big"]["record"]["kept_whole_in"]  # too big for the rejects queue: kept whole in S3
    bucket, key = where.removeprefix("s3://").split("/", 1)
    whole = json.loads(boto3.client("s3", region_name="us-east-1").get_object(Bucket=bucket, Key=key)["Body"].read())
    assert whole["record"] == json.loads(lines[3]) | {"messages": big["messages"]}
