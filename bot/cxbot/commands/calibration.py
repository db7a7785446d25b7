"""`/cx calibration [scorer]`: the calibration report from stored labels and evaluations."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from cx.calibration.stored import NothingToCalibrate
from cxbot.answers.show import Reply
from cxbot.command_text import CalibrationQuery, HelpQuery, Query
from cxbot.commands.table import MANAGERS, Asked, Subcommand
from cxbot.render.calibration import calibration_blocks, calibration_text
from cxbot.render.help import problem_blocks
from cxbot.render.mrkdwn import esc
from cxbot.services import BotServices


def parse(args: list[str]) -> Query:
    if len(args) > 1:
        return HelpQuery(f"`/cx calibration` takes at most a scorer name; I got `{' '.join(args)}`.")
    return CalibrationQuery(args[0] if args else None)


def answer(query: CalibrationQuery, asked: Asked) -> Reply:
    return Reply(*calibration_answer(query, asked.services))


def calibration_answer(query: CalibrationQuery, services: BotServices) -> tuple[str, list[Block]]:
    if services.calibration is None:
        message = "Calibration needs the labels table (CX_LABELS_TABLE), which this deployment does not have."
        return message, problem_blocks(message)
    try:
        report = services.calibration(query.scorer)
    except NothingToCalibrate as exc:
        return esc(str(exc)), problem_blocks(str(exc))
    return calibration_text(report), calibration_blocks(report)


COMMAND = Subcommand(
    coming="the agreement with human labels",
    name="calibration",
    usage="/cx calibration [scorer]",
    summary="agreement of the scores with human labels, beside one reviewer's agreement with the others, against "
    "the configured targets.",
    parse=parse,
    answer=answer,
    # agreement per team and journey, and the ids of disputed conversations: across all teams
    roles=MANAGERS,
    refusal="Only managers can see the calibration report: it covers every team. Ask your support manager.",
)
