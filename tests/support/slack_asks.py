"""Asking the real Bolt app a `/cx` command with a signed request and reading what reached the fake Slack."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk.models.blocks import Block

from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body


def ask_validated(app: App, slack: FakeSlack, text: str, user: str, secret: str) -> dict[str, Any]:
    """The reply at the response_url, each of its blocks validated by slack_sdk's block models."""
    seen = len(slack.calls_to("response_url"))
    body = slash_command_body(text, slack.response_url(), user_id=user)
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, secret)))).status == 200
    reply: dict[str, Any] = slack.wait_for("response_url", seen + 1)[-1].body
    for block in Block.parse_all(reply.get("blocks") or []):
        block.validate_json()
    return reply
