"""`/cx agent @user [range]`: one agent's figures per inquiry, for their lead or a manager (answered as `/cx me`)."""

from __future__ import annotations

from cxbot.command_text import PERFORMANCE_RANGE, HelpQuery, PerformanceQuery, Query
from cxbot.commands.me import answer
from cxbot.commands.table import Subcommand


def parse(args: list[str]) -> Query:
    if not args or len(args) > 2:
        return HelpQuery("`/cx agent` needs one agent and at most a range, e.g. `/cx agent @ana last-30d`.")
    return PerformanceQuery(args[0], args[1] if len(args) == 2 else PERFORMANCE_RANGE)


COMMAND = Subcommand(
    coming="the agent's figures per inquiry",
    name="agent",
    usage="/cx agent @user [range]",
    summary="(leads, managers) the same for one agent.",
    parse=parse,
    answer=answer,
)
