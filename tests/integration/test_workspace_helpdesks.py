"""Two installed workspaces, each with its own help desk and its own credentials, and nothing crosses.

The admin registers each workspace's Intercom and Zendesk secrets with `cx workspace helpdesk` (Secrets Manager,
moto) and issues ingest keys with `cx workspace ingest-key`; each help desk posts to its workspace's route, signed
with its own secret (the vendors' documented schemes, shared/cx/helpdesks/signatures.py), and is fetched from its
own fake API with its own token. The conversations then go through the score and aggregate functions and are
answered by the real Bolt app, each workspace's /cx journeys showing only its own.
"""

from __future__ import annotations

import copy
import io
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
from lambda_loader import cold_start
from support.http_events import post_event
from support.slack_views import all_text
from test_workspaces import ALPHA, BETA, Deploy, Workspace, ask, deploy, install, score_queued

from cx.access import Roles
from cx.bootstrap import build_stores, build_workspace_store, workspace_config
from cx.helpdesks.signatures import sign_intercom, sign_zendesk
from cx.workspace.changes import apply_changes
from cxcli.main import main
from cxlocal.fake_intercom import FakeIntercom
from cxlocal.fake_slack import Grant

__all__ = ["deploy"]  # the Slack deploy of test_workspaces, installable, on DynamoDB Local and moto

EVENTS = Path(__file__).resolve().parents[1] / "events"
CLOSED = (EVENTS / "intercom" / "notification_conversation_admin_closed.json").read_text()
ZENDESK_EVENT = (EVENTS / "zendesk" / "event_ticket_status_changed.json").read_text()
CONVERSATION = json.loads((EVENTS / "intercom" / "conversation_215471.json").read_text())
JOURNEY = {ALPHA.team_id: "billing", BETA.team_id: "onboarding"}  # the tag each one's help desk puts on it


@dataclass
class Desk:
    """A workspace's help desk: its Intercom (a fake API answering only its own token) and its secrets."""

    workspace: Workspace
    intercom: FakeIntercom
    client_secret: str
    zendesk_secret: str


@dataclass
class Hub:
    deploy: Deploy
    desks: dict[str, Desk]
    fetch_queue: str

    def post(self, path: str, body: str, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        event = post_event(path, body, headers)
        response = cold_start("ingest").handler(event, self.deploy.context)
        return response["statusCode"], json.loads(response["body"])

    def intercom(self, route: str, secret: str) -> tuple[int, dict[str, Any]]:
        return self.post(route, CLOSED, {"x-hub-signature": sign_intercom(CLOSED.encode(), secret)})

    def zendesk(self, route: str, secret: str) -> tuple[int, dict[str, Any]]:
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        headers = {"x-zendesk-webhook-signature": sign_zendesk(ZENDESK_EVENT.encode(), stamp, secret),
                   "x-zendesk-webhook-signature-timestamp": stamp}  # fmt: skip
        return self.post(route, ZENDESK_EVENT, headers)

    def drain_fetch(self) -> list[dict[str, Any]]:
        sqs, found = self.deploy.sqs, []
        while batch := sqs.receive_message(QueueUrl=self.fetch_queue, MaxNumberOfMessages=10).get("Messages"):
            found += batch
            for m in batch:
                sqs.delete_message(QueueUrl=self.fetch_queue, ReceiptHandle=m["ReceiptHandle"])
        return [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                 "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "0"}, "messageAttributes": {},
                 "md5OfBody": m["MD5OfBody"], "eventSource": "aws:sqs", "awsRegion": "us-east-1",
                 "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:fetch"} for m in found]  # fmt: skip


def cli(monkeypatch: pytest.MonkeyPatch, argv: list[str], stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(argv)


def configure(deploy: Deploy, workspace: str, changes: list[str]) -> None:
    settings = replace(deploy.settings, workspace=workspace)
    current = workspace_config(settings, lambda: datetime.now(UTC), create=True)
    assert current is not None
    pairs = [(k, v) for k, v in (c.split("=", 1) for c in changes)]
    new, entries = apply_changes(current, pairs, by="test", at=datetime.now(UTC))
    build_workspace_store(settings).save(new, entries, expected_version=current.version)


@pytest.fixture
def hub(deploy: Deploy, tables: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Hub]:
    fetch = deploy.sqs.create_queue(QueueName=f"fetch-{time.time_ns()}")["QueueUrl"]
    prefix = f"stack{time.time_ns()}/workspace/"
    for name, value in {
        "CX_HELPDESK_TABLE": tables["HelpdeskTable"], "CX_FETCH_QUEUE_URL": fetch,
        "CX_WORKSPACE_SECRETS_PREFIX": prefix, "CX_HOME": str(tmp_path), "CX_IMPORT_PAGE_INTERVAL": "0",
        # the stack-wide help-desk secrets of a single-workspace deploy: unset here, so never what verifies
        "CX_HELPDESK_SIGNING_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:unset",
        "CX_HELPDESK_API_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:unset",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    for n, ws in enumerate((ALPHA, BETA)):
        page = install(deploy, f"code-{n}", Grant(bot_token=ws.token, team_id=ws.team_id, team_name=ws.team_id))
        assert page["statusCode"] == 200, page
        build_stores(replace(deploy.settings, workspace=ws.team_id)).roles.put_roles(Roles(managers=[ws.manager]))
        configure(deploy, ws.team_id, ["helpdesk.intercom.journey=tag:journey-"])
    with FakeIntercom(f"{ALPHA.token}-ic") as alpha, FakeIntercom(f"{BETA.token}-ic") as beta:
        desks = {}
        for ws, api in ((ALPHA, alpha), (BETA, beta)):
            mine = copy.deepcopy(CONVERSATION)  # the same Intercom id in both: two apps number independently
            mine["tags"]["tags"][0]["name"] = f"journey-{JOURNEY[ws.team_id]}"
            api.put(mine)
            desks[ws.team_id] = Desk(ws, api, f"{ws.team_id}-client-secret", f"{ws.team_id}-zendesk-secret")
        yield Hub(deploy, desks, fetch)


def register(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    """The admin stores each workspace's help-desk secrets, from standard input."""
    for ws, desk in hub.desks.items():
        values = {"intercom_client_secret": desk.client_secret, "zendesk_signing_secret": desk.zendesk_secret,
                  "intercom_access_token": desk.intercom.token, "intercom_base_url": desk.intercom.url}  # fmt: skip
        assert cli(monkeypatch, ["workspace", "helpdesk", "--workspace", ws], json.dumps(values)) == 0


def test_each_help_desk_posts_to_its_workspace_and_a_payload_signed_for_another_is_refused(
    hub: Hub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # before the admin registers Alpha's secrets its route verifies nothing: refused, saying what is missing
    status, answer = hub.intercom(f"/webhook/intercom/{ALPHA.team_id}", hub.desks[ALPHA.team_id].client_secret)
    assert status == 401 and "no help-desk signing secret" in answer["message"]
    register(hub, monkeypatch)
    out = capsys.readouterr().out
    assert f"/workspace/{ALPHA.team_id}/helpdesk-signing (intercom_client_secret, zendesk_signing_secret)" in out
    alpha, beta = hub.desks[ALPHA.team_id], hub.desks[BETA.team_id]

    # Alpha's help desk signs with Alpha's secret: sent to Beta's route it is refused and kept nowhere
    status, answer = hub.intercom(f"/webhook/intercom/{BETA.team_id}", alpha.client_secret)
    assert status == 401 and "does not match" in answer["message"]
    status, answer = hub.zendesk(f"/webhook/zendesk/{BETA.team_id}", alpha.zendesk_secret)
    assert status == 401 and "does not match" in answer["message"]
    # the deploy-wide route serves no workspace here; a route for a workspace not installed is refused too
    status, answer = hub.intercom("/webhook/intercom", alpha.client_secret)
    assert status == 401 and "/webhook/intercom/<Slack workspace id>" in answer["message"]
    assert hub.intercom("/webhook/intercom/T0NOBODY", alpha.client_secret)[0] == 401
    assert hub.drain_fetch() == []
    assert capsys.readouterr().out.count('"WebhookRefused":[1.0]') == 4  # each refusal counted, for the alarm

    # each help desk on its own route; the same delivery id in Beta is Beta's first, not a replay of Alpha's
    for desk in (alpha, beta):
        assert hub.intercom(f"/webhook/intercom/{desk.workspace.team_id}", desk.client_secret)[0] == 202
    status, answer = hub.intercom(f"/webhook/intercom/{ALPHA.team_id}", alpha.client_secret)
    assert status == 409 and "already received" in answer["message"]
    events = hub.drain_fetch()
    assert sorted(json.loads(e["body"])["workspace"] for e in events) == [ALPHA.team_id, BETA.team_id]

    fetch = cold_start("helpdesk_fetch")
    assert fetch.handler({"Records": events}, hub.deploy.context) == {"batchItemFailures": []}
    for desk in (alpha, beta):  # each fetched from its own help desk (a fake that answers only its own token)
        assert [r.path for r in desk.intercom.requests] == ["/conversations/215471"]
    score_queued(hub.deploy, 2)

    for ws, other in ((ALPHA, BETA), (BETA, ALPHA)):
        journeys = all_text(ask(hub.deploy, ws, "journeys last-30d"))
        assert JOURNEY[ws.team_id] in journeys and JOURNEY[other.team_id] not in journeys, journeys
        stored = build_stores(replace(hub.deploy.settings, workspace=ws.team_id)).conversations
        kept = stored.get_conversation("intercom-215471")
        assert kept is not None and kept.journey == JOURNEY[ws.team_id]


def test_an_admin_issues_rotates_and_revokes_a_workspace_s_ingest_key(
    hub: Hub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_workspaces import conversations, post_ingest

    def issue_key() -> str:
        assert cli(monkeypatch, ["workspace", "ingest-key", "issue", "--workspace", ALPHA.team_id, "--by", "ann"]) == 0
        return next(w for w in capsys.readouterr().out.split() if w.startswith("cxk_"))

    old, new = issue_key(), issue_key()
    items = conversations(ALPHA)[:3]
    assert post_ingest(hub.deploy, old, items[:1])["statusCode"] == 202  # both valid until the old one is revoked
    assert post_ingest(hub.deploy, new, items[1:2])["statusCode"] == 202
    # the key's claimed place does not choose where data goes: ?workspace= is ignored, Alpha's key writes to Alpha
    assert post_ingest(hub.deploy, new, items[2:], query={"workspace": BETA.team_id})["statusCode"] == 202
    alpha = build_stores(replace(hub.deploy.settings, workspace=ALPHA.team_id)).conversations
    beta = build_stores(replace(hub.deploy.settings, workspace=BETA.team_id)).conversations
    assert all(alpha.get_conversation(c.id) for c in items) and not any(beta.get_conversation(c.id) for c in items)

    assert cli(monkeypatch, ["workspace", "ingest-key", "list", "--workspace", ALPHA.team_id]) == 0
    listed = capsys.readouterr().out
    old_id = old.split("_")[2]
    assert "2 ingest keys" in listed and old_id in listed and "by ann" in listed and old not in listed
    assert cli(monkeypatch, ["workspace", "ingest-key", "revoke", old_id, "--workspace", ALPHA.team_id]) == 0
    refused = post_ingest(hub.deploy, old, items[:1])
    assert refused["statusCode"] == 401 and "revoked" in json.loads(refused["body"])["error"]
    assert post_ingest(hub.deploy, new, items[:1])["statusCode"] == 202

    # only hashes are stored: neither key appears anywhere in the installations table
    table = boto3.client("dynamodb", endpoint_url=hub.deploy.settings.dynamodb_endpoint, region_name="us-east-1")
    dump = json.dumps(table.scan(TableName=os.environ["CX_INSTALLATIONS_TABLE"])["Items"])
    assert old not in dump and new not in dump and new.split("_")[3] not in dump
    # a key for a workspace that has not installed the app is not issued
    assert cli(monkeypatch, ["workspace", "ingest-key", "issue", "--workspace", "T0NOBODY"]) == 2
    assert "has not installed the app" in capsys.readouterr().err


def test_history_import_and_cx_ingest_write_to_the_named_workspace_with_its_own_token(
    hub: Hub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    register(hub, monkeypatch)
    beta = hub.desks[BETA.team_id]
    assert cli(monkeypatch, ["import", "intercom", "--since", "2026-01-01"]) == 2
    assert "add --workspace" in capsys.readouterr().err
    # Alpha's token is in the environment: with --workspace it is never used, Beta's secret is
    monkeypatch.setenv("CX_INTERCOM_ACCESS_TOKEN", hub.desks[ALPHA.team_id].intercom.token)
    monkeypatch.setenv("CX_INTERCOM_URL", hub.desks[ALPHA.team_id].intercom.url)
    assert cli(monkeypatch, ["import", "intercom", "--since", "2026-01-01", "--workspace", BETA.team_id]) == 0
    assert "Done: 1 imported" in capsys.readouterr().out
    assert hub.desks[ALPHA.team_id].intercom.requests == []
    assert {r.path for r in beta.intercom.requests} == {"/conversations/search", "/conversations/215471"}

    contacts = tmp_path / "alpha.jsonl"
    record = {
        "id": "a-1",
        "channel": "chat",
        "journey": "returns",
        "started_at": datetime.now(UTC).isoformat(),
        "messages": [{"role": "customer", "text": "Where is my refund?"}],
        "case_outcome": "resolved",
    }
    contacts.write_text(json.dumps(record) + "\n")
    assert cli(monkeypatch, ["ingest", str(contacts), "--workspace", ALPHA.team_id]) == 0
    assert f"workspace {ALPHA.team_id}" in capsys.readouterr().out

    alpha_text = all_text(ask(hub.deploy, ALPHA, "journeys last-30d"))
    assert "returns" in alpha_text and JOURNEY[BETA.team_id] not in alpha_text
    beta_store = build_stores(replace(hub.deploy.settings, workspace=BETA.team_id)).conversations
    kept = beta_store.get_conversation("intercom-215471")
    assert kept is not None and kept.journey == JOURNEY[BETA.team_id] and beta_store.get_conversation("a-1") is None
