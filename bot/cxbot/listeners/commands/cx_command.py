"""`/cx ...`: acknowledge within Slack's 3 seconds, then answer through the response_url."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from cxbot.answers.show import Reply
from cxbot.commands.table import Asked, authorise, route
from cxbot.render.mrkdwn import esc
from cxbot.services import BotServices, ServicesFor

log = logging.getLogger(__name__)


def acknowledge(ack: Ack) -> None:
    ack()


def answerer(services_for: ServicesFor) -> Callable[..., None]:
    def reply_to(command: dict[str, Any], client: WebClient, services: BotServices) -> Reply:
        subcommand, query = route(command.get("text", ""))
        user_id = command.get("user_id", "")
        refusal = authorise(subcommand, services, user_id)
        if refusal is not None:
            return refusal
        return subcommand.answer(query, Asked(services, client, user_id, command.get("channel_id", "")))

    def answer(command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
        started = time.perf_counter()
        services = services_for(context)
        subcommand = (command.get("text") or "help").split()[0].lower()
        try:
            reply = reply_to(command, client, services)
            respond(text=reply.text, blocks=reply.blocks, response_type=reply.response_type)
        except Exception:
            # counted for the Slack error-rate alarm; the user gets a plain apology instead of silence
            services.telemetry.record("SlashCommandFailed", 1, "Count")
            log.exception("slash command failed", extra={"operation": "cx_command", "subcommand": subcommand})
            respond(
                text=f"Sorry, `/cx {esc(command.get('text', ''))}` failed on our side. It is logged; please try again."
            )
            return
        services.telemetry.record("SlashCommandAnswered", 1, "Count")
        services.telemetry.record("SlashCommandLatency", (time.perf_counter() - started) * 1000, "Milliseconds")
        log.info("slash command answered", extra={"operation": "cx_command", "subcommand": subcommand})

    return answer
