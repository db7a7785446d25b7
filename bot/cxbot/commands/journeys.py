"""`/cx journeys [range] [filters] [share]`: every journey in one table."""

from __future__ import annotations

from cxbot.answers.show import Reply, show
from cxbot.command_text import HelpQuery, JourneysQuery, Query, tail
from cxbot.commands.table import Asked, Subcommand
from cxbot.navigation import View


def parse(args: list[str]) -> Query:
    rest = tail("journeys", args)
    return rest if isinstance(rest, HelpQuery) else JourneysQuery(rest.range_text, rest.filters, rest.share)


def answer(query: JourneysQuery, asked: Asked) -> Reply:
    return show(View.of(query), asked.services, asked.user_id)


COMMAND = Subcommand(
    name="journeys",
    usage="/cx journeys [range]",
    summary="every journey in one table: cases, evaluations, average CX score, % pass, case outcomes, each "
    "against the period before; buttons open a journey.",
    parse=parse,
    answer=answer,
    view=View.of,
)
