"""Slack requests as Slack signs them, for driving the real Bolt app locally and in tests."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from cxlocal.fake_slack import TEAM_ID


def signed_headers(body: str, signing_secret: str, timestamp: int | None = None) -> dict[str, str | Sequence[str]]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(signing_secret).generate_signature(timestamp=ts, body=body)
    assert signature is not None
    return {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": ts,
        "x-slack-signature": signature,
    }


def slash_command_body(
    text: str,
    response_url: str,
    user_id: str = "U0MANAGER",
    channel_id: str = "C0CXDEMO",
    command: str = "/cx",
    team_id: str = TEAM_ID,
    enterprise_id: str | None = None,
    org_wide: bool = False,
) -> str:
    """``enterprise_id`` and ``org_wide``: a command in an Enterprise Grid workspace, Slack's
    ``enterprise_id`` and ``is_enterprise_install`` fields (https://docs.slack.dev/interactivity/implementing-slash-commands)."""
    grid = {"enterprise_id": enterprise_id, "is_enterprise_install": str(org_wide).lower()} if enterprise_id else {}
    return urlencode(
        {
            "token": "legacy-unused",
            "team_id": team_id,
            **grid,
            "team_domain": "demo",
            "channel_id": channel_id,
            "channel_name": "cx-reports",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A0CXAPP",
            "response_url": response_url,
            "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        }
    )


def interaction_body(payload: Mapping[str, object]) -> str:
    """An interactivity request (block_actions, view_submission) as Slack posts it: ``payload=<json>``."""
    return urlencode({"payload": json.dumps(payload)})


def block_action_body(
    action_id: str,
    value: str,
    response_url: str,
    user_id: str = "U0MANAGER",
    channel_id: str = "C0CXDEMO",
    block_id: str = "b0",
    is_ephemeral: bool | None = None,
) -> str:
    """A button click (`block_actions`) as Slack posts it to the interactivity URL.

    ``is_ephemeral``: Slack's ``container.is_ephemeral``, False for a button on a message the channel sees.
    """
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "demo"},
        "user": {"id": user_id, "username": user_id.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0CXAPP",
        "token": "legacy-unused",
        "container": {
            "type": "message",
            "message_ts": "1700000000.000100",
            "channel_id": channel_id,
            **({} if is_ephemeral is None else {"is_ephemeral": is_ephemeral}),
        },
        "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        "channel": {"id": channel_id, "name": "cx-reports"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": block_id,
                "value": value,
                "action_ts": "1700000001.000200",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def event_body(
    event: dict[str, object], team_id: str = TEAM_ID, enterprise_id: str | None = None, org_wide: bool = False
) -> str:
    """An Events API request (``event_callback``) as Slack posts it, JSON; send it with ``json_headers``.

    Shape: https://docs.slack.dev/apis/events-api/#callback-field and, for the Home tab,
    https://docs.slack.dev/reference/events/app_home_opened (``user``, ``channel``, ``tab``, ``view``); in an
    Enterprise Grid org, ``enterprise_id`` and ``authorizations`` as https://api.slack.com/enterprise/apps/reference
    shows them.
    """
    grid: dict[str, object] = {}
    if enterprise_id:
        authorization = {"enterprise_id": enterprise_id, "team_id": team_id, "user_id": "U0CXBOT", "is_bot": True,
                         "is_enterprise_install": org_wide}  # fmt: skip
        grid = {"enterprise_id": enterprise_id, "authorizations": [authorization]}
    return json.dumps(
        {
            **grid,
            "token": "legacy-unused",
            "team_id": team_id,
            "api_app_id": "A0CXAPP",
            "event": event,
            "type": "event_callback",
            "event_id": f"Ev0{abs(hash(json.dumps(event, sort_keys=True))) % 10**8:08d}",
            "event_time": int(time.time()),
        }
    )


def home_opened_event(user_id: str) -> dict[str, object]:
    return {"type": "app_home_opened", "user": user_id, "channel": f"D0{user_id}", "tab": "home",
            "event_ts": f"{time.time():.6f}"}  # fmt: skip


def json_headers(body: str, signing_secret: str) -> dict[str, str | Sequence[str]]:
    return {**signed_headers(body, signing_secret), "content-type": "application/json"}
