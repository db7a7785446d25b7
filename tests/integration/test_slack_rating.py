"""*Rate this* through the real Bolt app: the button opens the modal, a submission is validated and stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from cx.access import Roles
from cx.bootstrap import build_label_store, build_pipeline, build_stores
from cx.config import Settings
from cx.domain.conversation import Conversation
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxbot.render.rate import rate_button
from cxlocal.fake_slack import TEAM_ID, FakeSlack
from cxlocal.slack_requests import interaction_body, signed_headers

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
SECRET = "test-signing-secret"
REVIEWER = "U0REVIEWER"
ROLES = Roles(
    managers=[REVIEWER],
    leads={"U0LEADNORTH": ["north"], "U0LEADSOUTH": ["south"]},
    agents={"U0AGENT7": "a-7", "U0AGENT8": "a-8"},
)


@pytest.fixture
def app(settings: Settings, slack: FakeSlack) -> App:
    """One stored conversation, c-42, of agent a-7 in team north; roles for everyone in the matrix."""
    conversation = Conversation.model_validate(
        {
            "id": "c-42",
            "channel": "chat",
            "team": "north",
            "agent_id": "a-7",
            "messages": [{"role": "customer", "text": "Hello"}, {"role": "agent", "text": "Hi, sorted."}],
        }
    )
    build_pipeline(settings, clock=lambda: NOW).process([conversation])
    build_stores(settings).roles.put_roles(ROLES)
    client = WebClient(token="xoxb-test", base_url=slack.api_url)
    return build_app(build_services(settings, clock=lambda: NOW), SECRET, client)


def _send(app: App, payload: dict[str, Any]) -> tuple[int, str]:
    body = interaction_body(payload)
    response = app.dispatch(BoltRequest(body=body, headers=signed_headers(body, SECRET)))
    return response.status, response.body


def _press(conversation_id: str, evaluation_id: str, user: str = REVIEWER, response_url: str = "") -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID},
        "user": {"id": user},
        "response_url": response_url,
        "api_app_id": "A0CXAPP",
        "trigger_id": "1234.5678.trigger",
        "container": {"type": "message"},
        "actions": [{**rate_button(conversation_id, evaluation_id).to_dict(), "block_id": "b", "action_ts": "1"}],
    }


def _submit(view: dict[str, Any], score: str | None, reason: str | None, user: str = REVIEWER) -> dict[str, Any]:
    values: dict[str, Any] = {
        "score": {"value": {"type": "static_select", "selected_option": {"value": score} if score else None}},
        "reason": {"value": {"type": "plain_text_input", "value": reason}},
    }
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID},
        "user": {"id": user},
        "api_app_id": "A0CXAPP",
        "view": {**view, "id": "V1", "state": {"values": values}},
    }


def test_rate_this_opens_the_modal_and_stores_a_valid_rating(settings: Settings, app: App, slack: FakeSlack) -> None:
    status, _ = _send(app, _press("c-42", "offline:1.0.0:offline-v1:abc"))

    assert status == 200
    opened = slack.wait_for("views.open")[0].body
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    assert opened["trigger_id"] == "1234.5678.trigger"
    assert view["callback_id"] == "rate_evaluation" and view["title"]["text"] == "Rate this"
    assert [o["value"] for o in view["blocks"][1]["element"]["options"]] == ["1", "2", "3", "4", "5"]

    missing_status, missing = _send(app, _submit(view, None, "too slow"))
    assert missing_status == 200
    assert json.loads(missing) == {"response_action": "errors", "errors": {"score": "Choose a CX score from 1 to 5."}}
    forged_status, forged = _send(app, _submit(view, "7", None))
    assert forged_status == 200 and json.loads(forged)["response_action"] == "errors"
    assert build_label_store(settings).labels_for("c-42") == []

    saved_status, saved = _send(app, _submit(view, "2", "  Transferred twice.  "))

    assert saved_status == 200 and not saved
    [label] = build_label_store(settings).labels_for("c-42")
    assert (label.reviewer, label.score, label.reason, label.labelled_at) == (REVIEWER, 2, "Transferred twice.", NOW)


@pytest.mark.parametrize(
    ("user", "conversation_id"),
    [
        ("U0LEADSOUTH", "c-42"),  # a lead of another team
        ("U0AGENT7", "c-42"),  # the conversation's own agent
        ("U0AGENT8", "c-42"),  # another agent
        ("U0NOBODY", "c-42"),  # no role
        (REVIEWER, "c-404"),  # a manager, for an id that does not exist
    ],
)
def test_rate_this_is_refused_to_who_may_not_label_that_conversation(
    settings: Settings, app: App, slack: FakeSlack, user: str, conversation_id: str
) -> None:
    status, _ = _send(app, _press(conversation_id, "e-1", user, slack.response_url("rate")))

    assert status == 200
    [refusal] = slack.wait_for("response_url")
    assert refusal.body["response_type"] == "ephemeral" and refusal.body["replace_original"] is False
    assert "c-42" not in json.dumps(refusal.body) and "north" not in json.dumps(refusal.body)
    assert slack.calls_to("views.open") == []
    # a forged submission (the modal's metadata names any id) is refused in the modal, and nothing is stored
    metadata = json.dumps({"conversation_id": conversation_id})
    forged = {"type": "modal", "callback_id": "rate_evaluation", "private_metadata": metadata}
    submitted_status, submitted = _send(app, _submit(forged, "1", "forged", user))
    assert submitted_status == 200 and json.loads(submitted)["response_action"] == "errors"
    assert build_label_store(settings).labels_for(conversation_id) == []


def test_the_lead_of_the_conversation_s_team_may_rate_it(settings: Settings, app: App, slack: FakeSlack) -> None:
    _send(app, _press("c-42", "e-1", "U0LEADNORTH", slack.response_url("rate")))
    opened = slack.wait_for("views.open")[0].body
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]

    _send(app, _submit(view, "4", None, "U0LEADNORTH"))

    assert [lbl.reviewer for lbl in build_label_store(settings).labels_for("c-42")] == ["U0LEADNORTH"]
