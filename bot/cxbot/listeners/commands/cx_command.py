"""`/cx ...`: acknowledge within Slack's 3 seconds, then answer through the response_url."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from cxbot.command_text import CalibrationQuery, DigestQuery, ExportQuery, HelpQuery, parse
from cxbot.listeners.commands.calibration import calibration_answer
from cxbot.listeners.commands.digest import digest_answer
from cxbot.render.help import help_blocks
from cxbot.services import BotServices
from cxbot.views.show import Reply, show
from cxbot.views.state import View
from cxbot.views.upload import upload_export

log = logging.getLogger(__name__)


def acknowledge(ack: Ack) -> None:
    ack()


def answerer(services: BotServices) -> Callable[..., None]:
    def answer(command: dict[str, Any], respond: Respond, client: WebClient) -> None:
        query = parse(command.get("text", ""))
        user_id = command.get("user_id", "")
        if isinstance(query, HelpQuery):
            reply = Reply(query.problem or "How to use /cx", help_blocks(query.problem))
        elif isinstance(query, CalibrationQuery):
            reply = Reply(*calibration_answer(query, services))
        elif isinstance(query, DigestQuery):
            reply = digest_answer(query, services, client, user_id, command.get("channel_id", ""))
        elif isinstance(query, ExportQuery):
            reply = upload_export(client, View.of(query.target), services, user_id, command.get("channel_id", ""))
        else:
            reply = show(View.of(query), services, user_id)
        respond(text=reply.text, blocks=reply.blocks, response_type=reply.response_type)
        log.info("slash command answered", extra={"operation": "cx_command", "subcommand": type(query).__name__})

    return answer
