"""`/cx ...`: acknowledge within Slack's 3 seconds, then answer through the response_url."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from cxbot.command_text import (
    AdminQuery,
    CalibrationQuery,
    DigestQuery,
    ExportQuery,
    HelpQuery,
    PerformanceQuery,
    PlansQuery,
    WhyQuery,
    parse,
)
from cxbot.listeners.commands.admin import admin_answer
from cxbot.listeners.commands.calibration import calibration_answer
from cxbot.listeners.commands.digest import digest_answer
from cxbot.listeners.commands.why import why_reply
from cxbot.render.help import help_blocks
from cxbot.services import BotServices
from cxbot.views.performance import performance_reply
from cxbot.views.plans import plans_reply
from cxbot.views.show import Reply, show
from cxbot.views.state import View
from cxbot.views.upload import upload_export

log = logging.getLogger(__name__)


def acknowledge(ack: Ack) -> None:
    ack()


def answerer(services: BotServices) -> Callable[..., None]:
    def reply_to(command: dict[str, Any], client: WebClient) -> Reply:
        query = parse(command.get("text", ""))
        user_id = command.get("user_id", "")
        if isinstance(query, HelpQuery):
            return Reply(query.problem or "How to use /cx", help_blocks(query.problem))
        if isinstance(query, AdminQuery):
            return Reply(*admin_answer(query, services, user_id))
        if isinstance(query, CalibrationQuery):
            return Reply(*calibration_answer(query, services))
        if isinstance(query, PerformanceQuery):
            return performance_reply(query, services, user_id)
        if isinstance(query, PlansQuery):
            return plans_reply(query, services, user_id)
        if isinstance(query, WhyQuery):
            channel_id = command.get("channel_id", "")
            return why_reply(
                client, services, query.scope, query.range_text, user_id, channel_id, query.share, query.filters
            )
        if isinstance(query, DigestQuery):
            return digest_answer(query, services, client, user_id, command.get("channel_id", ""))
        if isinstance(query, ExportQuery):
            return upload_export(client, View.of(query.target), services, user_id, command.get("channel_id", ""))
        return show(View.of(query), services, user_id)

    def answer(command: dict[str, Any], respond: Respond, client: WebClient) -> None:
        started = time.perf_counter()
        subcommand = (command.get("text") or "help").split()[0].lower()
        try:
            reply = reply_to(command, client)
            respond(text=reply.text, blocks=reply.blocks, response_type=reply.response_type)
        except Exception:
            # counted for the Slack error-rate alarm; the user gets a plain apology instead of silence
            services.telemetry.record("SlashCommandFailed", 1, "Count")
            log.exception("slash command failed", extra={"operation": "cx_command", "subcommand": subcommand})
            respond(text=f"Sorry, `/cx {command.get('text', '')}` failed on our side. It is logged; please try again.")
            return
        services.telemetry.record("SlashCommandAnswered", 1, "Count")
        services.telemetry.record("SlashCommandLatency", (time.perf_counter() - started) * 1000, "Milliseconds")
        log.info("slash command answered", extra={"operation": "cx_command", "subcommand": subcommand})

    return answer
