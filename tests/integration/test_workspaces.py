"""Two workspaces install the app through Slack's OAuth flow, and each sees only its own data.

Everything is the deployed path: the Slack function (Bolt with OAuthSettings over the DynamoDB installation and
state stores) answers GET /slack/install and /slack/oauth_redirect; the fake Slack's oauth.v2.access hands each
workspace its own token; conversations arrive through the ingest function with the workspace's own ingest key
(POST /ingest/workspace), are scored by
the score function from the queue and counted by the aggregate function from the table's stream; the answers,
the Home tab and the digest come from the real Bolt app and digest function, each with its workspace's token.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import boto3
import pytest
from lambda_loader import cold_start
from support.http_events import post_event
from support.secrets import put_secret
from support.slack_lambda import InProcessLambda, api_event, get_event
from support.slack_views import all_text
from support.table_env import table_env

from cx.access import Roles
from cx.adapters.dynamo.ingest_keys import DynamoIngestKeys
from cx.adapters.dynamo.installations import build_installation_model
from cx.aggregation.keys import week_of
from cx.bootstrap import build_digest_wiring, build_label_store, build_stores
from cx.calibration.labels import Label
from cx.config import Settings
from cx.demo.generator import generate
from cx.digest.subscriptions import Subscription
from cx.domain.conversation import Conversation
from cx.ingest_keys import issue
from cxbot.lambda_slack import installation_store
from cxlocal.dynamodb_local import local_client
from cxlocal.event_sources import StreamReader
from cxlocal.fake_slack import FakeSlack, Grant
from cxlocal.slack_requests import (
    event_body,
    home_opened_event,
    json_headers,
    signed_headers,
    slash_command_body,
)
from cxlocal.template_tables import LocalTables

SIGNING = "installable-signing-secret"
ISSUED: dict[tuple[str, str], str] = {}  # (installations table, workspace) -> the ingest key its sender holds
MONDAY = week_of(datetime.now(UTC).date())  # the digest's tick: this week's Monday, 09:00 UTC
SCHEDULED = datetime(MONDAY.year, MONDAY.month, MONDAY.day, 9, tzinfo=UTC)


@dataclass(frozen=True)
class Workspace:
    team_id: str
    token: str
    journey: str  # a journey only this workspace has
    manager: str  # its manager (roles are the workspace's own)
    channel: str  # where its digest goes
    seed: int
    enterprise_id: str | None = None  # an Enterprise Grid org's
    org_wide: bool = False  # installed on the whole org: one installation for all its workspaces

    @property
    def key(self) -> str:
        """The id its data is kept under: the org's for an org-wide install, else the team's."""
        return self.enterprise_id if self.org_wide and self.enterprise_id else self.team_id


ALPHA = Workspace("T0ALPHA", "xoxb-alpha-000111", "returns", "U0AMGR", "C0ALPHA", seed=3)
BETA = Workspace("T0BETA", "xoxb-beta-000222", "onboarding", "U0BMGR", "C0BETA", seed=4)


@dataclass
class Deploy:
    slack: FakeSlack
    fn: Any  # the Slack function
    settings: Settings
    sqs: Any
    queues: dict[str, str]
    stream: StreamReader
    context: Any
    warm: dict[str, Any] = field(default_factory=dict)

    def function(self, name: str) -> Any:
        """The named function's module, cold-started on its first call in the test and warm after, as Lambda
        keeps a container between invocations."""
        if name not in self.warm:
            self.warm[name] = cold_start(name)
        return self.warm[name]


@pytest.fixture
def deploy(
    tables: LocalTables, moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Deploy]:
    sqs = boto3.client("sqs", region_name="us-east-1", endpoint_url=moto_url)
    queues = {q: sqs.create_queue(QueueName=f"{q}-{time.time_ns()}")["QueueUrl"] for q in ("score", "rejects")}
    env = {
        **table_env(tables),
        "CX_INSTALLATIONS_TABLE": tables["InstallationsTable"],
        "CX_SCORE_QUEUE_URL": queues["score"],
        "CX_REJECTS_QUEUE_URL": queues["rejects"],
        "AWS_ENDPOINT_URL_SECRETS_MANAGER": moto_url,
        "AWS_ENDPOINT_URL_SQS": moto_url,
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with FakeSlack(valid_tokens={ALPHA.token, BETA.token, "xoxb-org-000333"}) as slack:
        secret = {"signing_secret": SIGNING, "client_id": slack.client_id, "client_secret": slack.client_secret}
        monkeypatch.setenv("CX_SLACK_SECRET_ARN", put_secret("slack", secret))
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        fn = cold_start("slack")
        fn.lambda_client = InProcessLambda(fn.handler, lambda_context)
        stream = StreamReader(tables.endpoint, tables.conversations)
        yield Deploy(slack, fn, Settings.from_env(), sqs, queues, stream, lambda_context)


def state_cookie(page: dict[str, Any]) -> str:
    """The browser keeps the install page's state cookie (``slack-app-oauth-state=<state>``) for the redirect."""
    headers = {k.lower(): v for k, v in page["headers"].items()}
    return str(headers["set-cookie"]).split(";")[0]


def install(deploy: Deploy, code: str, grant: Grant) -> dict[str, Any]:
    """A browser on "Add to Slack": the install page, Slack's approval, the redirect back with code and state."""
    page = deploy.fn.handler(get_event("/slack/install"), deploy.context)
    assert page["statusCode"] == 200, page
    authorize = re.search(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', page["body"])
    assert authorize is not None, page["body"]
    link = authorize.group(1).replace("&amp;", "&")
    assert f"client_id={deploy.slack.client_id}" in link and "scope=commands,chat:write" in link
    state = re.search(r"state=([^&]+)", link)
    assert state is not None
    cookie = state_cookie(page)
    deploy.slack.grant(code, grant)
    query = {"code": code, "state": state.group(1)}
    return dict(deploy.fn.handler(get_event("/slack/oauth_redirect", query, [cookie]), deploy.context))


@cache
def generated(seed: int) -> tuple[Conversation, ...]:
    """Nine days of demo contacts up to today, generated once per seed for the module."""
    return tuple(generate(end=datetime.now(UTC).date(), days=9, seed=seed).conversations)


def conversations(workspace: Workspace) -> list[Conversation]:
    """About ten contacts, one or two a day, of last week (the digest) and this week so far (the Home tab), all
    in the workspace's own journey; the first keeps one id both workspaces use. Every assertion on them is about
    whose they are, not how many: a few a day keep the pipeline's work per test small."""
    now = datetime.now(UTC)
    made = [c.model_copy(update={"journey": workspace.journey}) for c in generated(workspace.seed)]
    made = [c for c in made if c.when and c.when < now][::60]
    return [made[0].model_copy(update={"id": "shared-7", "case_id": "shared-7"}), *made[1:]]


def ingest_key(deploy: Deploy, workspace: str) -> str:
    """An ingest key issued for the workspace, as `cx workspace ingest-key issue` stores it (its hash only)."""
    table, settings = os.environ["CX_INSTALLATIONS_TABLE"], deploy.settings
    model = build_installation_model(table, settings.region, settings.dynamodb_endpoint)
    issued = issue(workspace, "test", datetime.now(UTC))
    DynamoIngestKeys(model).put(issued.record)
    return issued.key


def ingest(deploy: Deploy, workspace: str, items: list[Conversation]) -> dict[str, Any]:
    """The workspace's sender posts ``items`` with its own ingest key (one issued on its first post)."""
    held = (os.environ["CX_INSTALLATIONS_TABLE"], workspace)
    if held not in ISSUED:
        ISSUED[held] = ingest_key(deploy, workspace)
    return post_ingest(deploy, ISSUED[held], items)


def post_ingest(
    deploy: Deploy, key: str | None, items: list[Conversation], path: str = "/ingest/workspace",
    query: dict[str, str] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """POST /ingest/workspace with ``Authorization: Bearer <key>``, then what Lambda does next: the score function
    on the queue's messages and the aggregate function on the conversations table's stream."""
    headers = {"authorization": f"Bearer {key}"} if key else {}
    body = json.dumps({"conversations": [json.loads(c.model_dump_json()) for c in items]})
    event = post_event(path, body, headers, query or {}, request_id="r-ingest")
    # warm after its first post: a workspace installed since it read the installed list is looked for again
    response: dict[str, Any] = deploy.function("ingest").handler(event, deploy.context)
    if response["statusCode"] == 202:
        score_queued(deploy, len(items))
    return response


def score_queued(deploy: Deploy, expected: int) -> None:
    """What Lambda does with the score queue's messages (each with its workspace attribute): the score function,
    then the aggregate function on the conversations table's stream."""
    score, received = deploy.function("score"), []
    while batch := deploy.sqs.receive_message(
        QueueUrl=deploy.queues["score"], MaxNumberOfMessages=10, MessageAttributeNames=["All"]
    ).get("Messages", []):
        received += batch
        for m in batch:
            deploy.sqs.delete_message(QueueUrl=deploy.queues["score"], ReceiptHandle=m["ReceiptHandle"])
    records = [
        {
            "messageId": m["MessageId"],
            "receiptHandle": m["ReceiptHandle"],
            "body": m["Body"],
            "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "0"},
            "messageAttributes": {
                k: {"stringValue": v["StringValue"], "dataType": v["DataType"]}
                for k, v in m.get("MessageAttributes", {}).items()
            },
            "md5OfBody": m["MD5OfBody"],
            "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:score",
            "awsRegion": "us-east-1",
        }
        for m in received
    ]
    assert len(records) == expected
    assert score.handler({"Records": records}, deploy.context) == {"batchItemFailures": []}
    stream = {"Records": deploy.stream.read_new()}
    assert deploy.function("aggregate").handler(stream, deploy.context) == {"batchItemFailures": []}


def ask(deploy: Deploy, workspace: Workspace, text: str, user: str | None = None) -> dict[str, Any]:
    """`/cx <text>` typed in the workspace; the answer the lazy listener posts to response_url."""
    slack = deploy.slack
    seen = len(slack.calls_to("response_url"))
    token = f"{workspace.team_id}-{seen}"
    url = slack.response_url(token)
    body = slash_command_body(
        text,
        url,
        user_id=user or workspace.manager,
        team_id=workspace.team_id,
        enterprise_id=workspace.enterprise_id,
        org_wide=workspace.org_wide,
    )
    response = deploy.fn.handler(api_event(body, signed_headers(body, SIGNING)), deploy.context)
    assert response["statusCode"] == 200
    return next(c.body for c in slack.wait_for("response_url", seen + 1) if c.path == f"/response/{token}")


def open_home(deploy: Deploy, workspace: Workspace, user: str | None = None) -> tuple[str, str]:
    """The manager (or ``user``) opens the Home tab: (its text, the token views.publish was called with)."""
    slack = deploy.slack
    seen = len(slack.calls_to("views.publish"))
    event = home_opened_event(user or workspace.manager)
    body = event_body(event, workspace.team_id, workspace.enterprise_id, workspace.org_wide)
    assert deploy.fn.handler(api_event(body, json_headers(body, SIGNING)), deploy.context)["statusCode"] == 200
    call = slack.wait_for("views.publish", seen + 1)[-1]
    view = call.body["view"]
    return json.dumps(json.loads(view) if isinstance(view, str) else view), slack.token_of(call)


def set_up(deploy: Deploy, workspace: Workspace) -> list[Conversation]:
    scoped = replace(deploy.settings, workspace=workspace.key)
    build_stores(scoped).roles.put_roles(Roles(managers=[workspace.manager]))
    subscriptions = build_digest_wiring(scoped).subscriptions
    assert subscriptions is not None
    subscriptions.put(Subscription(channel=workspace.channel, weekday=0, hour=9, timezone="UTC"))
    items = conversations(workspace)
    assert ingest(deploy, workspace.key, items)["statusCode"] == 202
    return items


def test_two_workspaces_install_and_each_sees_only_its_own(deploy: Deploy) -> None:
    for n, ws in enumerate((ALPHA, BETA)):
        page = install(deploy, f"code-{n}", Grant(bot_token=ws.token, team_id=ws.team_id, team_name=ws.team_id))
        assert page["statusCode"] == 200 and "Thank you!" in page["body"], page
    # the code was exchanged once, with the app's credentials (oauth.v2.access as Bolt calls it)
    assert len(deploy.slack.calls_to("oauth.v2.access")) == 2 and not deploy.slack.grants
    own = {ws.team_id: set_up(deploy, ws) for ws in (ALPHA, BETA)}

    for ws, other in ((ALPHA, BETA), (BETA, ALPHA)):
        journeys = all_text(ask(deploy, ws, "journeys last-30d"))
        assert ws.journey in journeys and other.journey not in journeys
        journey = all_text(ask(deploy, ws, f"journey {ws.journey} last-30d"))
        assert f"*Evaluations*\n{len(own[ws.team_id])}" in journey, journey
        foreign = all_text(ask(deploy, ws, f"journey {other.journey} last-30d"))
        assert "*Evaluations*" not in foreign, foreign  # the other's journey is unknown here
        # the same case id in both: each workspace's case shows its own contact
        case = all_text(ask(deploy, ws, "case shared-7"))
        mine = own[ws.team_id][0]
        assert f"*Journey*\n{ws.journey}" in case and other.journey not in case
        assert f"*{mine.channel.value}*" in case and "*Contacts*\n1" in case
        # roles are the workspace's own: the other workspace's manager is nobody here
        refused = all_text(ask(deploy, ws, "journeys last-30d", user=other.manager))
        assert ws.journey not in refused
        home, token = open_home(deploy, ws)
        assert ws.journey in home and other.journey not in home and token == ws.token

    digest = deploy.function("digest").handler({"scheduled_time": SCHEDULED.isoformat()}, deploy.context)
    assert sorted(d["outcome"] for d in digest["deliveries"]) == ["posted", "posted"]
    for ws, other in ((ALPHA, BETA), (BETA, ALPHA)):
        [post] = [c for c in deploy.slack.calls_to("chat.postMessage") if c.body.get("channel") == ws.channel]
        text = json.dumps(post.body.get("blocks"))
        assert deploy.slack.token_of(post) == ws.token
        assert ws.journey in text and other.journey not in text


def test_ingest_takes_a_workspace_key_and_refuses_the_deploy_wide_routes(deploy: Deploy) -> None:
    install(deploy, "code-a", Grant(bot_token=ALPHA.token, team_id=ALPHA.team_id))
    install(deploy, "code-b", Grant(bot_token=BETA.token, team_id=BETA.team_id))
    items = conversations(ALPHA)[:2]
    alpha_key = ingest_key(deploy, ALPHA.team_id)
    # the deploy-wide route (one IAM credential for every workspace) no longer takes ?workspace=
    for query in ({}, {"workspace": ALPHA.team_id}):
        wide = post_ingest(deploy, None, items, path="/ingest", query=query)
        assert wide["statusCode"] == 403 and "/ingest/workspace" in json.loads(wide["body"])["error"]
    missing = post_ingest(deploy, None, items)
    assert missing["statusCode"] == 401 and "Authorization: Bearer" in json.loads(missing["body"])["error"]
    unknown = post_ingest(deploy, alpha_key.replace(ALPHA.team_id, "T0NOBODY"), items)
    assert unknown["statusCode"] == 401 and "not valid here" in json.loads(unknown["body"])["error"]
    assert not deploy.sqs.receive_message(QueueUrl=deploy.queues["score"]).get("Messages")

    # Alpha uninstalls the app (https://docs.slack.dev/reference/events/app_uninstalled): its key goes with it
    body = event_body({"type": "app_uninstalled"}, team_id=ALPHA.team_id)
    assert deploy.fn.handler(api_event(body, json_headers(body, SIGNING)), deploy.context)["statusCode"] == 200
    gone = post_ingest(deploy, alpha_key, items)
    assert gone["statusCode"] == 401 and "not valid here" in json.loads(gone["body"])["error"]
    # installed again: the old key stays revoked (it went with the tokens); a new one is needed
    install(deploy, "code-a2", Grant(bot_token=ALPHA.token, team_id=ALPHA.team_id))
    assert post_ingest(deploy, alpha_key, items)["statusCode"] == 401
    assert ingest(deploy, BETA.team_id, conversations(BETA)[:2])["statusCode"] == 202


def test_a_forged_or_replayed_oauth_state_installs_nothing(deploy: Deploy) -> None:
    page = deploy.fn.handler(get_event("/slack/install"), deploy.context)
    cookie = state_cookie(page)
    deploy.slack.grant("code-x", Grant(bot_token=ALPHA.token, team_id=ALPHA.team_id))
    forged = deploy.fn.handler(get_event("/slack/oauth_redirect", {"code": "code-x", "state": "forged"}, [cookie]),
                               deploy.context)  # fmt: skip
    assert forged["statusCode"] != 200
    assert not deploy.slack.calls_to("oauth.v2.access")
    body = slash_command_body("journeys", deploy.slack.response_url(), team_id=ALPHA.team_id)
    refused = deploy.fn.handler(api_event(body, signed_headers(body, SIGNING)), deploy.context)
    # nothing was installed: Bolt finds no token for the team and tells the user to install the app, no answer
    assert refused["statusCode"] == 200
    [told] = deploy.slack.calls_to("response_url")
    assert "reinstall this app" in told.body["text"] and "blocks" not in told.body


def test_an_enterprise_grid_org_install_serves_every_workspace_of_the_org(deploy: Deploy) -> None:
    """Installed on the whole org (``is_enterprise_install``, no team in oauth.v2.access): one token and one set of
    figures, kept under the enterprise id, for each of the org's workspaces; a workspace installed on its own
    beside it keeps its own."""
    org = Workspace("T0GRIDA", "xoxb-org-000333", "upgrades", "U0OMGR", "C0GRID", seed=5, enterprise_id="E0GRID",
                    org_wide=True)  # fmt: skip
    grant = Grant(bot_token=org.token, team_id=None, enterprise_id="E0GRID", enterprise_name="Grid", org_wide=True)
    page = install(deploy, "code-org", grant)
    assert page["statusCode"] == 200 and "Thank you!" in page["body"], page
    install(deploy, "code-alpha", Grant(bot_token=ALPHA.token, team_id=ALPHA.team_id))
    own = {ws.key: set_up(deploy, ws) for ws in (org, ALPHA)}
    assert set(own) == {"E0GRID", ALPHA.team_id}

    other_workspace_of_the_org = replace(org, team_id="T0GRIDB")
    for ws in (org, other_workspace_of_the_org):
        journey = all_text(ask(deploy, ws, f"journey {org.journey} last-30d"))
        assert f"*Evaluations*\n{len(own['E0GRID'])}" in journey, journey
        journeys = all_text(ask(deploy, ws, "journeys last-30d"))
        assert org.journey in journeys and ALPHA.journey not in journeys
        home, token = open_home(deploy, ws)
        assert org.journey in home and ALPHA.journey not in home and token == org.token
    alpha = all_text(ask(deploy, ALPHA, "journeys last-30d"))
    assert ALPHA.journey in alpha and org.journey not in alpha

    digest = deploy.function("digest").handler({"scheduled_time": SCHEDULED.isoformat()}, deploy.context)
    assert sorted(d["outcome"] for d in digest["deliveries"]) == ["posted", "posted"]
    [post] = [c for c in deploy.slack.calls_to("chat.postMessage") if c.body.get("channel") == org.channel]
    assert deploy.slack.token_of(post) == org.token and org.journey in json.dumps(post.body.get("blocks"))


def fresh(workspace: Workspace, tag: str, n: int = 4) -> list[Conversation]:
    """``n`` more of the workspace's conversations, under new ids."""
    return [
        c.model_copy(update={"id": f"{tag}-{c.id}", "case_id": f"{tag}-{c.id}"})
        for c in conversations(workspace)[1 : n + 1]
    ]


def home_publishes(deploy: Deploy, since: int) -> list[tuple[str, str]]:
    """(user, token) of each views.publish after the first ``since``."""
    return [(c.body["user_id"], deploy.slack.token_of(c)) for c in deploy.slack.calls_to("views.publish")[since:]]


def test_a_fold_refreshes_the_home_tabs_of_its_own_workspace_with_its_own_token(deploy: Deploy) -> None:
    """A user in both workspaces (an Enterprise Grid member) has a Home tab in each, throttled in each apart."""
    for n, ws in enumerate((ALPHA, BETA)):
        install(deploy, f"code-{n}", Grant(bot_token=ws.token, team_id=ws.team_id))
        set_up(deploy, ws)
    both = "U0BOTH"  # a manager in each
    for ws in (ALPHA, BETA):
        build_stores(replace(deploy.settings, workspace=ws.key)).roles.put_roles(Roles(managers=[ws.manager, both]))
        for user in (ws.manager, both):
            open_home(deploy, ws, user)
    seen = len(deploy.slack.calls_to("views.publish"))
    keys = {ws.key: ingest_key(deploy, ws.key) for ws in (ALPHA, BETA)}

    assert post_ingest(deploy, keys[ALPHA.key], fresh(ALPHA, "a1"))["statusCode"] == 202
    after_alpha = home_publishes(deploy, seen)
    assert sorted(after_alpha) == sorted([(ALPHA.manager, ALPHA.token), (both, ALPHA.token)])
    alpha_home = json.dumps(deploy.slack.calls_to("views.publish")[-1].body["view"])
    assert ALPHA.journey in alpha_home and BETA.journey not in alpha_home

    # Beta's fold refreshes Beta's tabs, the shared user's too: Alpha's refresh a moment ago throttles only Alpha's
    assert post_ingest(deploy, keys[BETA.key], fresh(BETA, "b1"))["statusCode"] == 202
    after_beta = home_publishes(deploy, seen + len(after_alpha))
    assert sorted(after_beta) == sorted([(BETA.manager, BETA.token), (both, BETA.token)])

    # a second fold in Alpha within five minutes: Alpha's users were refreshed already
    assert post_ingest(deploy, keys[ALPHA.key], fresh(ALPHA, "a2"))["statusCode"] == 202
    assert home_publishes(deploy, seen + len(after_alpha) + len(after_beta)) == []


def items_of(tables: LocalTables, workspace: str) -> dict[str, int]:
    """Items whose hash key carries the workspace's prefix, in every table but the installations table."""
    client, counts = local_client(tables.endpoint), {}
    for logical, name in tables.names.items():
        if logical == "InstallationsTable":
            continue
        schema = client.describe_table(TableName=name)["Table"]["KeySchema"]
        hash_key = next(k["AttributeName"] for k in schema if k["KeyType"] == "HASH")
        pages = client.get_paginator("scan").paginate(
            TableName=name,
            FilterExpression="begins_with(#h, :p)",
            ExpressionAttributeNames={"#h": hash_key},
            ExpressionAttributeValues={":p": {"S": f"ws={workspace}|"}},
        )
        counts[logical] = sum(page["Count"] for page in pages)
    return counts


def uninstall(deploy: Deploy, workspace: Workspace) -> None:
    """Slack's app_uninstalled event (https://docs.slack.dev/reference/events/app_uninstalled), signed."""
    body = event_body({"type": "app_uninstalled"}, team_id=workspace.team_id)
    assert deploy.fn.handler(api_event(body, json_headers(body, SIGNING)), deploy.context)["statusCode"] == 200


def test_an_uninstalled_workspace_loses_its_tokens_at_once_and_its_data_after_the_retention(
    deploy: Deploy, tables: LocalTables, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CX_HELPDESK_TABLE", tables["HelpdeskTable"])
    for n, ws in enumerate((ALPHA, BETA)):
        install(deploy, f"code-{n}", Grant(bot_token=ws.token, team_id=ws.team_id))
        set_up(deploy, ws)
        scoped = replace(deploy.settings, workspace=ws.key)
        build_label_store(scoped).put_labels([Label(conversation_id="shared-7", reviewer=ws.manager, score=2)])
    kept = {ws.key: items_of(tables, ws.key) for ws in (ALPHA, BETA)}
    for counts in kept.values():  # each has conversations, evaluations, figures, settings and labels of its own
        assert all(counts[t] > 0 for t in ("ConversationsTable", "EvaluationsTable", "AggregatesTable",
                                           "ConfigTable", "LabelsTable")), counts  # fmt: skip

    ingest_key(deploy, ALPHA.key)
    uninstall(deploy, ALPHA)
    store = installation_store(deploy.settings)
    assert store.find_bot(enterprise_id=None, team_id=ALPHA.team_id) is None  # its tokens are gone at once
    assert DynamoIngestKeys(store.model).of(ALPHA.key) == []  # and its ingest keys
    assert DynamoIngestKeys(store.model).of(BETA.key) != []
    assert store.find_installation(enterprise_id=None, team_id=ALPHA.team_id) is None
    assert [w.workspace for w in store.workspaces.all()] == [BETA.key]
    [scheduled] = store.purges.scheduled()
    assert scheduled.workspace == ALPHA.key
    assert timedelta(days=29) < scheduled.purge_after - datetime.now(UTC) <= timedelta(days=30)

    purge = deploy.function("purge")
    today = purge.handler({"scheduled_time": datetime.now(UTC).isoformat()}, deploy.context)
    assert today == {"purged": []} and items_of(tables, ALPHA.key) == kept[ALPHA.key]  # kept for 30 days

    later = (datetime.now(UTC) + timedelta(days=31)).isoformat()
    [done] = purge.handler({"scheduled_time": later}, deploy.context)["purged"]
    assert done["workspace"] == ALPHA.key and sum(done["deleted"].values()) == sum(kept[ALPHA.key].values())
    assert set(items_of(tables, ALPHA.key).values()) == {0}  # every table, nothing of Alpha's left
    assert items_of(tables, BETA.key) == kept[BETA.key]  # Beta's untouched
    assert store.purges.scheduled() == []
    assert BETA.journey in all_text(ask(deploy, BETA, "journeys last-30d"))
    beta = items_of(tables, BETA.key)  # with what answering stored (its configuration, on first use)

    # Beta uninstalls and installs again within the retention: the reinstall cancels the purge, nothing goes
    uninstall(deploy, BETA)
    assert [p.workspace for p in store.purges.scheduled()] == [BETA.key]
    install(deploy, "code-again", Grant(bot_token=BETA.token, team_id=BETA.team_id))
    assert store.purges.scheduled() == []
    much_later = (datetime.now(UTC) + timedelta(days=62)).isoformat()
    assert purge.handler({"scheduled_time": much_later}, deploy.context) == {"purged": []}
    assert items_of(tables, BETA.key) == beta


def test_a_revoked_bot_token_is_forgotten_and_nothing_is_scheduled_for_deletion(
    deploy: Deploy, tables: LocalTables
) -> None:
    """tokens_revoked (https://docs.slack.dev/reference/events/tokens_revoked: user ids under ``tokens.bot``): the
    app stays installed, so the workspace's data stays; without a token nothing posts there."""
    for n, ws in enumerate((ALPHA, BETA)):
        install(deploy, f"code-{n}", Grant(bot_token=ws.token, team_id=ws.team_id))
        set_up(deploy, ws)
    kept = items_of(tables, ALPHA.key)
    event: dict[str, object] = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0CXBOT"]}}
    body = event_body(event, team_id=ALPHA.team_id)
    assert deploy.fn.handler(api_event(body, json_headers(body, SIGNING)), deploy.context)["statusCode"] == 200
    store = installation_store(deploy.settings)
    assert store.find_bot(enterprise_id=None, team_id=ALPHA.team_id) is None
    assert store.find_bot(enterprise_id=None, team_id=BETA.team_id) is not None
    assert store.purges.scheduled() == [] and items_of(tables, ALPHA.key) == kept
    digest = deploy.function("digest").handler({"scheduled_time": SCHEDULED.isoformat()}, deploy.context)
    assert [d["outcome"] for d in digest["deliveries"]] == ["posted"]
    assert {c.body.get("channel") for c in deploy.slack.calls_to("chat.postMessage")} == {BETA.channel}
