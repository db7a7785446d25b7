"""The Home tab through the real Bolt app against DynamoDB Local: `app_home_opened` publishes (views.publish at the
fake Slack) each role's own page, with figures that agree with the raw evaluations."""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk.models.views import View as SlackView
from support.demo_people import DEMO_AGENT, DEMO_LEAD, DEMO_LEAD_TEAM, SLACK_DEMO_NOW

from cx.config import Settings
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ranges import parse_range
from cxbot.render.journeys import NAME_WIDTH
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import block_action_body, event_body, home_opened_event, json_headers, signed_headers

SECRET = "home-signing-secret"
Pairs = list[tuple[Conversation, Evaluation]]


@pytest.fixture
def pairs(slack_demo: tuple[Settings, dict[str, Any]]) -> Pairs:
    return slack_demo[1]["pairs"]  # type: ignore[no-any-return]


def open_home(app: App, slack: FakeSlack, user: str) -> dict[str, Any]:
    seen = len(slack.calls_to("views.publish"))
    body = event_body(home_opened_event(user))
    assert app.dispatch(BoltRequest(body=body, headers=dict(json_headers(body, SECRET)))).status == 200
    call = slack.wait_for("views.publish", seen + 1)[-1]
    assert call.body["user_id"] == user
    view = call.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    SlackView(**view).validate_json()
    return view  # type: ignore[no-any-return]


def text_of(view: dict[str, Any]) -> str:
    parts = []
    for block in view["blocks"]:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        parts += [e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return "\n".join(parts)


def this_week_evaluations(pairs: Pairs, keep: Any = lambda c: True) -> dict[str, int]:
    period = parse_range("this-week", SLACK_DEMO_NOW, UTC)
    counts: dict[str, int] = {}
    for c, _ in pairs:
        day = (c.case_opened_at or c.when).astimezone(UTC).date()  # type: ignore[union-attr]
        if c.journey and period.start <= day <= period.end and keep(c):
            counts[c.journey] = counts.get(c.journey, 0) + 1
    return counts


def table_rows(view: dict[str, Any]) -> dict[str, list[str]]:
    rows = {}
    for block in view["blocks"]:
        text = block.get("text", {}).get("text", "") if isinstance(block.get("text"), dict) else ""
        if text.startswith("```"):
            for line in text.strip("`\n").splitlines()[1:]:  # the first line is the header
                if line.strip() and not line.startswith(("─", "all journeys")):
                    rows[line[:NAME_WIDTH].strip()] = line[NAME_WIDTH + 1 :].split()
    return rows


def test_a_manager_sees_every_journey_this_week_with_movers_and_why_goes_to_their_dm(
    app: App, slack: FakeSlack, pairs: Pairs
) -> None:
    view = open_home(app, slack, "U0MANAGER")

    assert view["type"] == "home" and view["blocks"][0]["text"]["text"] == "CX this week"
    expected = this_week_evaluations(pairs)
    rows = table_rows(view)
    assert {j[:NAME_WIDTH] for j in expected} == set(rows)
    assert all(rows[j[:NAME_WIDTH]][1] == str(n) for j, n in expected.items())  # evaluations column
    assert "against previous" in text_of(view) or "against" in text_of(view)

    movers = [b for b in view["blocks"] if b.get("block_id", "").startswith("mover-")]
    assert movers, "the demo's planted drop should make at least one mover"
    why = movers[0]["accessory"]
    body = block_action_body(why["action_id"], why["value"], slack.response_url("home"), "U0MANAGER")
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    [posted] = slack.wait_for("chat.postMessage")
    assert posted.body["channel"] == "D0U0MANAGER"
    assert "Why did CX move?" in json.dumps(posted.body.get("blocks"))


def test_a_lead_sees_only_their_teams_figures(app: App, slack: FakeSlack, pairs: Pairs) -> None:
    view = open_home(app, slack, DEMO_LEAD)

    assert DEMO_LEAD_TEAM in text_of(view)
    expected = this_week_evaluations(pairs, lambda c: c.team == DEMO_LEAD_TEAM)
    everyone = this_week_evaluations(pairs)
    rows = table_rows(view)
    assert {j[:NAME_WIDTH]: str(n) for j, n in expected.items()} == {j: r[1] for j, r in rows.items()}
    assert expected != everyone  # the lead's figures are not the whole workspace's


def test_an_agent_sees_their_own_figures_and_plans_and_no_journey_table(app: App, slack: FakeSlack) -> None:
    view = open_home(app, slack, DEMO_AGENT)
    text = text_of(view)

    assert view["blocks"][0]["text"]["text"] == "Your performance"
    assert "Your coaching plans" in text and "No coaching plan yet." in text
    assert not table_rows(view)


def test_someone_without_a_role_is_told_why_and_sees_no_figures(app: App, slack: FakeSlack) -> None:
    view = open_home(app, slack, "U0STRANGER")

    assert "don't have a CX reporting role" in text_of(view)
    assert not table_rows(view) and len(view["blocks"]) == 1
