"""Hostile text in the data and in the command reaches Slack only escaped, in every renderer.

Agent names, journeys, teams, inquiries, case and conversation ids, message text (evidence quotes), labels'
reasons, plan actions and echoed command input carry Slack's control sequences: a broadcast, a mention and a
disguised link. Every message Slack receives is parsed with slack_sdk's block models and every mrkdwn text in
it, and every message's fallback text, is checked. A profiler records which renderers ran: each renderer module
under cxbot/render must be exercised here (or be named below with the reason), so a new one cannot escape it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block
from support.slack_views import buttons

from cx.access import Roles
from cx.bootstrap import build_label_store, build_pipeline, build_stores
from cx.calibration.labels import Label
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import (
    block_action_body,
    event_body,
    home_opened_event,
    json_headers,
    signed_headers,
    slash_command_body,
)

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
SECRET = "test-signing-secret"
BROADCAST, HERE, MENTION, LINK = "<!channel>", "<!here>", "<@U0EVIL>", "<http://evil.example|SSO login>"
HOSTILE = (BROADCAST, HERE, MENTION, "<http://evil.example")
RENDER = Path(__file__).resolve().parents[2] / "bot" / "cxbot" / "render"
# renderer modules that put no data into mrkdwn, or whose output is not Slack mrkdwn
NOT_MRKDWN = {
    "terminal.py": "renders Block Kit as terminal text for the CLI",
    "why_chart.py": "draws a PNG",
    "numbers.py": "formats numbers only",
    "not_scored.py": "formats a count only",
    "mrkdwn.py": "the escape itself",
    "drift.py": "posted by the drift function: tests/unit/bot/test_escape.py renders it with hostile values",
    "coaching_wizard.py": "a modal: tests/unit/bot/test_escape.py renders its steps with hostile values",
    "plan.py": "tests/unit/bot/test_escape.py renders plans with hostile values",
}


def _hostile(conversations: list[Conversation]) -> list[Conversation]:
    """A third of the demo's conversations, made hostile in every field that is shown."""
    out = []
    for i, c in enumerate(conversations):
        if i % 3:
            out.append(c)
            continue
        messages = [
            m.model_copy(update={"text": f"{m.text} {BROADCAST} {LINK}"}) if m.role.value == "customer" else m
            for m in c.messages
        ]
        out.append(
            c.model_copy(
                update={
                    "id": f"{MENTION}-{c.id}",
                    "case_id": f"{HERE}-{c.case_ref}",
                    "journey": BROADCAST,
                    "team": HERE,
                    "agent_name": LINK,
                    "inquiry": MENTION.lower(),
                    "messages": messages,
                }
            )
        )
    return out


@pytest.fixture(scope="module")
def hostile(dynamodb_endpoint: str) -> Iterator[tuple[Settings, list[Conversation]]]:
    from cxlocal.dynamodb_local import local_client
    from cxlocal.template_tables import create_tables

    client = local_client(dynamodb_endpoint)
    names = create_tables(client, prefix=f"e{NOW:%H%M%S}{threading.get_ident() % 1000}")
    settings = Settings.from_env(
        {
            "CX_CONVERSATIONS_TABLE": names["ConversationsTable"],
            "CX_EVALUATIONS_TABLE": names["EvaluationsTable"],
            "CX_AGGREGATES_TABLE": names["AggregatesTable"],
            "CX_LABELS_TABLE": names["LabelsTable"],
            "CX_CONFIG_TABLE": names["ConfigTable"],
            "CX_COACHING_TABLE": names["CoachingTable"],
            "CX_DYNAMODB_ENDPOINT": dynamodb_endpoint,
            "CX_TIMEZONE": "UTC",
        }
    )
    # a fifth of the demo's cases (every day): each renderer still runs, on a fifth of the load
    demo = generate(end=NOW.date(), days=16, seed=5).conversations
    conversations = _hostile([c for c in demo if int(hashlib.sha256(c.case_ref.encode()).hexdigest(), 16) % 5 == 0])
    build_pipeline(settings, clock=lambda: NOW).process(conversations)
    agent = next(c.agent_id for c in conversations if c.agent_name == LINK and c.agent_id)
    roles = Roles(managers=["U0MANAGER"], leads={"U0LEAD": [HERE]}, agents={"U0AGENT01": agent})
    build_stores(settings).roles.put_roles(roles)
    labelled = [c for c in conversations if c.journey == BROADCAST][:12]
    build_label_store(settings).put_labels(
        [
            Label(conversation_id=c.id, reviewer=reviewer, score=score, labelled_at=NOW - timedelta(days=1))
            for c in labelled
            for reviewer, score in ((f"{HERE}-ana", 2), ("bo", 4))
        ]
    )
    yield settings, conversations
    for name in names.values():
        client.delete_table(TableName=name)


class Renderers:
    """The renderer modules whose functions ran, on any thread (lazy listeners answer on their own).

    A trace function, not a profile function: Python calls it at each Python function's start only (a
    profile function runs at every call and return, C functions' included), and it returns None, so no
    function is traced line by line."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self._prefix = str(RENDER)

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        filename = frame.f_code.co_filename
        if filename.startswith(self._prefix):
            self.seen.add(Path(filename).name)


@pytest.fixture
def renderers() -> Iterator[Renderers]:
    seen = Renderers()
    sys.settrace(seen)
    threading.settrace(seen)
    yield seen
    sys.settrace(None)
    threading.settrace(None)


def _mrkdwn(value: Any) -> Iterator[str]:
    """Every mrkdwn text in a Block Kit structure (plain_text is shown literally by Slack)."""
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn" and isinstance(value.get("text"), str):
            yield value["text"]
        for child in value.values():
            yield from _mrkdwn(child)
    elif isinstance(value, list):
        for child in value:
            yield from _mrkdwn(child)


def _texts(body: dict[str, Any]) -> list[str]:
    """The message's fallback text and each mrkdwn text of its blocks, as slack_sdk's block models parse them."""
    view = body.get("view")  # views.publish: the Home tab's blocks
    if isinstance(view, str):
        view = json.loads(view)
    blocks = (view or {}).get("blocks") if isinstance(view, dict) else body.get("blocks")
    blocks = blocks or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    parsed = [Block.parse(b) for b in blocks]
    assert all(p is not None for p in parsed), "every block parses with slack_sdk's models"
    texts = [t for p in parsed if p is not None for t in _mrkdwn(p.to_dict())]
    for key in ("text", "initial_comment"):
        if isinstance(body.get(key), str):
            texts.append(body[key])
    return texts


def _dispatch(app: App, body: str) -> None:
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200


def test_nothing_hostile_reaches_slack_unescaped_from_any_renderer(
    hostile: tuple[Settings, list[Conversation]], renderers: Renderers
) -> None:
    settings, conversations = hostile
    bad = next(c for c in conversations if c.journey == BROADCAST)
    with FakeSlack() as slack:
        app = build_app(
            build_services(settings, clock=lambda: NOW), SECRET, WebClient(token="x", base_url=slack.api_url)
        )

        def ask(text: str, user: str = "U0MANAGER") -> dict[str, Any]:
            seen = len(slack.calls_to("response_url"))
            _dispatch(app, slash_command_body(text, slack.response_url(), user_id=user))
            return slack.wait_for("response_url", seen + 1)[-1].body

        def click(message: dict[str, Any], label: str, user: str = "U0MANAGER") -> dict[str, Any]:
            pressed = next(b for b in buttons(message) if b["text"]["text"].startswith(label))
            seen = len(slack.calls_to("response_url"))
            body = block_action_body(
                pressed["action_id"], pressed["value"], slack.response_url("a"), user, block_id=pressed["block_id"]
            )
            _dispatch(app, body)
            return slack.wait_for("response_url", seen + 1)[-1].body

        journeys = ask("journeys last-30d")
        ask(f"journeys last-30d team:{HERE}")
        journey = click(journeys, BROADCAST)
        case = click(journey, "Open")
        click(case, "Evaluation")
        ask(f"case {bad.case_ref}")
        ask(f"journey {LINK} last-30d")  # an unknown journey, echoed back
        ask(f"{BROADCAST} {LINK}")  # an unknown subcommand, echoed back
        ask("why all last-7d")
        ask(f"why {BROADCAST} last-7d")
        ask("digest last-week")
        ask("calibration")
        ask("me", user="U0AGENT01")
        ask("agent <@U0AGENT01> last-90d")
        ask(f"admin set pass_threshold={BROADCAST}")
        ask(f"export case {bad.case_ref}")
        ask("export agent <@U0AGENT01> last-90d")
        for user in ("U0MANAGER", "U0LEAD", "U0AGENT01"):  # the Home tab of each role
            seen = len(slack.calls_to("views.publish"))
            home = event_body(home_opened_event(user))
            assert app.dispatch(BoltRequest(body=home, headers=dict(json_headers(home, SECRET)))).status == 200
            slack.wait_for("views.publish", seen + 1)
        seen_calls = list(slack.calls)

    texts = [t for call in seen_calls for t in _texts(call.body)]
    shown = "\n".join(texts)
    assert "&lt;!channel&gt;" in shown and "&lt;http://evil.example|SSO login&gt;" in shown, "the data was shown"
    leaks = sorted({h for t in texts for h in HOSTILE if h in t})
    assert leaks == [], f"unescaped in what Slack received: {leaks}"
    modules = {p.name for p in RENDER.glob("*.py") if p.name != "__init__.py"}
    assert modules - renderers.seen - set(NOT_MRKDWN) == set(), "a renderer this test never ran"
