"""`/cx journeys [range] [filters] [share]`: every journey in one table."""

from __future__ import annotations

from cxbot.command_text import HelpQuery, JourneysQuery, Query, tail
from cxbot.commands.table import Subcommand, show_view
from cxbot.navigation import View


def parse(args: list[str]) -> Query:
    rest = tail("journeys", args)
    return rest if isinstance(rest, HelpQuery) else JourneysQuery(rest.range_text, rest.filters, rest.share)


COMMAND = Subcommand(
    coming="the table of journeys",
    name="journeys",
    usage="/cx journeys [range]",
    summary="every journey in one table: cases, evaluations, average CX score, % pass, case outcomes, each "
    "against the period before; buttons open a journey.",
    parse=parse,
    answer=show_view,
    view=View.of,
)
