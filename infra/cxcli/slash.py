"""Run a slash command through the real Bolt app, with a signed request and a local fake Slack."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from cxbot.app import build_app
from cxbot.render.terminal import render
from cxbot.services import BotServices
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body

LOCAL_SIGNING_SECRET = "local-signing-secret"


@dataclass(frozen=True)
class SlashReply:
    status: int
    message: dict[str, Any]

    @property
    def blocks(self) -> list[dict[str, Any]]:
        return list(self.message.get("blocks", []))

    def rendered(self) -> str:
        return render(self.blocks) if self.blocks else str(self.message.get("text", ""))


def run_slash(command_line: str, services: BotServices, user_id: str = "U0MANAGER") -> SlashReply:
    words = command_line.strip().split(maxsplit=1)
    if not words or not words[0].startswith("/"):
        raise ValueError(
            f"write the command as Slack would get it, e.g. '/cx journey billing last-week'; got {command_line!r}"
        )
    command, text = words[0], words[1] if len(words) > 1 else ""
    with FakeSlack() as slack:
        app = build_app(services, LOCAL_SIGNING_SECRET, WebClient(token="xoxb-local", base_url=slack.api_url))
        body = slash_command_body(text, slack.response_url(), user_id=user_id, command=command)
        headers: dict[str, str | Sequence[str]] = dict(signed_headers(body, LOCAL_SIGNING_SECRET))
        response = app.dispatch(BoltRequest(body=body, headers=headers))
        if response.status != 200:
            return SlashReply(response.status, {"text": response.body or f"HTTP {response.status}"})
        call = slack.wait_for("response_url", timeout=60)[0]
        return SlashReply(response.status, call.body)


def save_blocks(reply: SlashReply, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(reply.message, indent=2, ensure_ascii=False) + "\n")
    return path
