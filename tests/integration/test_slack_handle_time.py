"""Handle time per channel through the real Bolt app on DynamoDB Local: `/cx agent`, `/cx me` and the Home tab read
"Handle time: chat 6.0 min · email 4.2 h", each channel beside its team and top agent in its own unit, a channel
with too few timed contacts says so, and no figure averages chat minutes with e-mail hours. A manager reads the
agent's figures as "their", the agent as "your"."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.models.views import View as SlackView
from support.slack_asks import ask_validated
from support.slack_views import all_text, csv_rows
from support.table_env import table_env

from cx.access import Roles
from cx.bootstrap import build_pipeline, build_stores
from cx.config import Settings
from cx.domain.conversation import CaseOutcome, Channel, Conversation, Message, Role
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.dynamodb_local import local_client
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import event_body, home_opened_event, json_headers
from cxlocal.template_tables import LocalTables, create_tables

SECRET = "handle-time-signing-secret"
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
ANA, BO, CY, MANAGER = "U0ANA", "U0BO", "U0CY", "U0MANAGER"
# (agent, channel, minutes from first to last message, contacts)
HANDLED = [
    (ANA, Channel.CHAT, 6, 3),
    (ANA, Channel.EMAIL, 252, 3),  # 4.2 h
    (ANA, Channel.VOICE, 5, 1),  # too few to show
    (BO, Channel.CHAT, 8, 4),
    (BO, Channel.EMAIL, 120, 3),
    (CY, Channel.CHAT, 4, 3),
]


def contacts() -> list[Conversation]:
    out = []
    for agent, channel, minutes, count in HANDLED:
        for n in range(count):
            start = NOW - timedelta(days=2 + n, hours=minutes / 60 + 1)
            out.append(
                Conversation(
                    id=f"{agent}-{channel.value}-{n}",
                    channel=channel,
                    messages=[
                        Message(role=Role.CUSTOMER, text="I was charged twice for my plan.", at=start),
                        Message(role=Role.AGENT, text="Sorry about that, I have refunded it.", at=start),
                        Message(role=Role.CUSTOMER, text="Thanks!", at=start + timedelta(minutes=minutes)),
                    ],
                    case_id=f"case-{agent}-{channel.value}-{n}",
                    journey="billing",
                    inquiry="refund",
                    agent_id=agent,
                    team="payments",
                    started_at=start,
                    case_outcome=CaseOutcome.RESOLVED,
                )
            )
    return out


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack(people={ANA: "Ana Lima", BO: "Bo Chen", CY: "Cy Moreau", MANAGER: "Mia Manager"}) as server:
        yield server


@pytest.fixture(scope="module")
def handled(dynamodb_endpoint: str) -> Iterator[Settings]:
    """The contacts scored and folded once into tables of the module's own: its tests only read them."""
    client = local_client(dynamodb_endpoint)
    names = create_tables(client, prefix=f"h{uuid.uuid4().hex[:12]}")
    settings = Settings.from_env(table_env(LocalTables(endpoint=dynamodb_endpoint, names=names)))
    build_pipeline(settings, clock=lambda: NOW).process(contacts())
    build_stores(settings).roles.put_roles(Roles(managers=[MANAGER], agents={ANA: ANA, BO: BO, CY: CY}))
    yield settings
    for name in names.values():
        client.delete_table(TableName=name)


@pytest.fixture
def app(handled: Settings, slack: FakeSlack) -> App:
    services = build_services(handled, clock=lambda: NOW)
    return build_app(services, SECRET, WebClient(token="xoxb-test", base_url=slack.api_url))


def ask(app: App, slack: FakeSlack, text: str, user: str) -> dict[str, Any]:
    reply: dict[str, Any] = ask_validated(app, slack, text, user, SECRET)  # mypy reads tests/support as untyped
    return reply


def handle_lines(text: str) -> list[str]:
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Handle time: "))
    return [lines[start]] + [line.strip() for line in lines[start + 1 :] if line.startswith("    ")]


def test_a_manager_reads_the_agents_handle_time_per_channel_each_against_that_channels_peers(
    app: App, slack: FakeSlack
) -> None:
    text = all_text(ask(app, slack, f"agent <@{ANA}>", MANAGER))

    head, chat, email = handle_lines(text)
    # ranked per channel: chats 6 of (8, 6, 4) -> 50, e-mails 4.2 h of (2 h, 4.2 h) -> 25; 3 contacts each -> 37.5
    assert head == "Handle time: chat *6.0 min* · email *4.2 h* · *Good* · too few timed contacts to show voice (1)"
    assert chat == "chat: team 6.2 min · top 4.0 min"  # (3x6 + 4x8 + 3x4) / 10 contacts
    assert email == "email: team 3.1 h · top 2.0 h"  # (3x4.2 + 3x2) / 6
    mixed = (3 * 6 + 3 * 252 + 5) / 7  # minutes over every channel: a figure that must not appear
    assert f"{mixed:.1f} min" not in text and f"{mixed / 60:.1f} h" not in text
    assert "your" not in text.lower().split()  # the manager reads about Ana, not about themselves
    assert "Helping their effectiveness most" in text and "the agent's percentile ranks" in text


def test_the_agent_reads_the_same_figures_as_their_own_in_me_and_on_the_home_tab(app: App, slack: FakeSlack) -> None:
    mine = all_text(ask(app, slack, "me", ANA))

    assert handle_lines(mine)[0].startswith("Handle time: chat *6.0 min* · email *4.2 h*")
    assert "Helping your effectiveness most" in mine and "mean of your percentile ranks" in mine
    seen = len(slack.calls_to("views.publish"))
    body = event_body(home_opened_event(ANA))
    assert app.dispatch(BoltRequest(body=body, headers=dict(json_headers(body, SECRET)))).status == 200
    view = slack.wait_for("views.publish", seen + 1)[-1].body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    SlackView(**view).validate_json()
    home = "\n".join(b["text"]["text"] for b in view["blocks"] if isinstance(b.get("text"), dict))
    assert "Handle time: chat *6.0 min* · email *4.2 h*" in home


def test_the_agents_csv_has_handle_time_per_channel_in_minutes_rounded_and_the_agent_by_name(
    app: App, slack: FakeSlack
) -> None:
    reply = all_text(ask(app, slack, f"export agent <@{ANA}>", MANAGER))

    assert "Exported Performance of Ana Lima" in reply and "your direct messages" in reply
    [upload] = [u for u in slack.uploads() if u.filename.endswith(".csv")]
    assert upload.filename == "cx-agent-Ana-Lima-last-90d.csv"
    [row] = csv_rows(upload.content)
    assert (row["agent"], row["agent_id"], row["inquiry"], row["contacts"]) == ("Ana Lima", ANA, "refund", "7")
    assert (row["handle_chat_contacts"], row["handle_chat_minutes"], row["handle_chat_minutes_top"]) == (
        "3",
        "6.0",
        "4.0",
    )
    assert (row["handle_email_minutes"], row["handle_email_minutes_team"], row["handle_email_minutes_top"]) == (
        "252.0",
        "186.0",
        "120.0",
    )
    assert (row["handle_voice_contacts"], row["handle_voice_minutes"]) == ("1", "")  # too few for a figure
    assert row["handle_time_rating"] == "Good" and "handle_minutes" not in row  # no column over every channel
    assert all(len(v.partition(".")[2]) <= 4 for v in row.values())  # rounded, no float noise


def test_an_agent_exports_their_own_figures_and_no_one_elses(app: App, slack: FakeSlack) -> None:
    ask(app, slack, "export me", ANA)
    refused = all_text(ask(app, slack, f"export agent <@{BO}>", ANA))

    [upload] = [u for u in slack.uploads() if u.filename.endswith(".csv")]  # one file: Ana's, not Bo's
    assert [r["agent_id"] for r in csv_rows(upload.content)] == [ANA]
    assert refused.startswith(":warning: ") and "own" in refused, refused
