"""`/cx ...`: acknowledge within Slack's 3 seconds, then answer through the response_url."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from cxbot.answers.show import Reply, deliver, problem
from cxbot.commands.table import Asked, authorise, route
from cxbot.people import UnknownPerson, people_for
from cxbot.render.mrkdwn import esc
from cxbot.services import BotServices, ServicesFor
from cxbot.typed_text import plain

log = logging.getLogger(__name__)


def acknowledge(ack: Ack, command: dict[str, Any]) -> None:
    """Within Slack's 3 seconds, one line saying what is coming (the answer follows through the response_url).
    Only the typed words are read here: no store, no Slack call."""
    try:
        line = coming_line(command.get("text") or "")
    except Exception:  # the ack must go out whatever was typed: the answer says what to fix
        log.exception("acknowledgement line failed", extra={"operation": "cx_command"})
        line = ":hourglass_flowing_sand: One moment…"
    ack(text=line)


def coming_line(text: str) -> str:
    subcommand, _ = route(text)
    if subcommand.name == "help":
        return ":hourglass_flowing_sand: One moment…"
    asked = esc(" ".join(plain(text).split()[:6])[:80])
    return f":hourglass_flowing_sand: Working on `/cx {asked}`: {subcommand.coming} in a moment."


def answerer(services_for: ServicesFor) -> Callable[..., None]:
    def reply_to(command: dict[str, Any], client: WebClient, services: BotServices) -> Reply:
        try:  # a typed `@maria` names a person: the Slack user it is, or a line saying who it could be
            text = people_for(client).resolve(plain(command.get("text", "")))
        except UnknownPerson as exc:
            return problem(str(exc))
        subcommand, query = route(text)
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
            # the text first; a chart is drawn and uploaded after it (``Reply.then``)
            deliver(reply, lambda r: respond(text=r.text, blocks=r.blocks, response_type=r.response_type))
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
