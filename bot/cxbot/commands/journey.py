"""`/cx journey <name> [range] [filters] [share]`: one journey and its cases, worst first."""

from __future__ import annotations

from cxbot.command_text import HelpQuery, JourneyQuery, Query, tail
from cxbot.commands.table import Subcommand, show_view
from cxbot.navigation import View


def parse(args: list[str]) -> Query:
    if not args:
        return HelpQuery("`/cx journey` needs a journey name, e.g. `/cx journey billing last-week`.")
    rest = tail("journey", args[1:], max_filters=2)
    if isinstance(rest, HelpQuery):
        problem = rest.problem or ""
        if "one range" in problem:
            problem = f"`/cx journey` takes a name and a range; I got `{' '.join(args)}`."
        return HelpQuery(problem)
    return JourneyQuery(args[0], rest.range_text, rest.filters, rest.share)


COMMAND = Subcommand(
    coming="the journey's figures and its worst cases",
    name="journey",
    usage="/cx journey <name> [range] [up to two filters]",
    summary="one journey: evaluations, average CX score, % pass, case outcomes and the daily trend, compared "
    "with the period before, and its cases worst first.",
    parse=parse,
    answer=show_view,
    view=View.of,
)
