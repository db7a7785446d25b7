"""`/cx ...`: acknowledge within Slack's 3 seconds, then answer through the response_url."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk.models.blocks import Block

from cx.ranges import RangeError, parse_range
from cx.reports.journey import UnknownJourney, journey_report, resolve_journey
from cxbot.command_text import CalibrationQuery, HelpQuery, JourneyQuery, parse
from cxbot.listeners.commands.calibration import calibration_answer
from cxbot.render.help import help_blocks, problem_blocks
from cxbot.render.journey import journey_blocks, journey_text
from cxbot.services import BotServices

log = logging.getLogger(__name__)


def acknowledge(ack: Ack) -> None:
    ack()


def _journey(query: JourneyQuery, services: BotServices) -> tuple[str, list[Block]]:
    try:
        period = parse_range(query.range_text, services.clock(), services.tz)
        journey = resolve_journey(query.journey, services.reports.known_journeys())
    except RangeError as exc:
        return str(exc), problem_blocks(str(exc))
    except UnknownJourney as exc:
        hint = f" Did you mean {', '.join(f'`{s}`' for s in exc.suggestions)}?" if exc.suggestions else ""
        message = f"I don't know the journey `{exc.name}`.{hint}"
        return message, problem_blocks(message)
    report = journey_report(services.reports, journey, period, services.pass_threshold)
    return journey_text(report), journey_blocks(report)


def answerer(services: BotServices) -> Callable[..., None]:
    def answer(command: dict[str, Any], respond: Respond) -> None:
        query = parse(command.get("text", ""))
        if isinstance(query, JourneyQuery):
            text, blocks = _journey(query, services)
        elif isinstance(query, CalibrationQuery):
            text, blocks = calibration_answer(query, services)
        else:
            assert isinstance(query, HelpQuery)
            text, blocks = query.problem or "How to use /cx", help_blocks(query.problem)
        respond(text=text, blocks=blocks, response_type="ephemeral")
        log.info("slash command answered", extra={"operation": "cx_command", "subcommand": type(query).__name__})

    return answer
