"""Clicks on a message shared in a channel, and `/cx calibration`, through the real Bolt app.

A shared report stays as its author posted it: whoever clicks one of its buttons gets the answer for their
own eyes, built from what they may see, and a refusal never replaces it either.
"""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from support.demo_people import DEMO_AGENT, DEMO_LEAD
from support.slack_views import all_text, button

from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import block_action_body, signed_headers, slash_command_body

SECRET = "test-signing-secret"


def _dispatch(app: App, body: str) -> None:
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200


def ask(app: App, slack: FakeSlack, text: str, user: str = "U0MANAGER") -> dict[str, Any]:
    seen = len(slack.calls_to("response_url"))
    _dispatch(app, slash_command_body(text, slack.response_url(), user_id=user))
    return slack.wait_for("response_url", seen + 1)[-1].body


def click_shared(app: App, slack: FakeSlack, message: dict[str, Any], label: str, user: str) -> dict[str, Any]:
    pressed = button(message, label)
    seen = len(slack.calls_to("response_url"))
    body = block_action_body(
        pressed["action_id"], pressed["value"], slack.response_url("act"), user, pressed["block_id"], is_ephemeral=False
    )
    _dispatch(app, body)
    return slack.wait_for("response_url", seen + 1)[-1].body


def test_clicks_on_a_shared_report_answer_the_clicker_alone_and_never_replace_it(app: App, slack: FakeSlack) -> None:
    shared = ask(app, slack, "journeys last-week share")
    assert shared["response_type"] == "in_channel"

    for user in ("U0MANAGER", DEMO_LEAD, DEMO_AGENT):
        answer = click_shared(app, slack, shared, "billing", user)
        assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False, user
        assert "Journey: billing" in answer["blocks"][0]["text"]["text"]
    lead_view = click_shared(app, slack, shared, "billing", DEMO_LEAD)
    assert "team:" in all_text(lead_view).replace(" ", "") or "billing-payments" in all_text(lead_view)

    refusal = click_shared(app, slack, shared, "billing", "U0STRANGER")
    assert refusal["response_type"] == "ephemeral" and refusal["replace_original"] is False
    assert "don't have a CX reporting role" in all_text(refusal) and "Evaluations" not in all_text(refusal)


@pytest.mark.parametrize("user", [DEMO_LEAD, DEMO_AGENT, "U0STRANGER"])
def test_calibration_is_for_managers_only(app: App, slack: FakeSlack, user: str) -> None:
    reply = ask(app, slack, "calibration", user=user)

    text = all_text(reply)
    assert "Only managers can see the calibration report" in text or "don't have a CX reporting role" in text
    assert len(reply["blocks"]) == 1 and "kappa" not in text.lower()


def test_a_manager_gets_the_calibration_answer(app: App, slack: FakeSlack) -> None:
    assert "Only managers" not in all_text(ask(app, slack, "calibration"))
