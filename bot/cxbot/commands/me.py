"""`/cx me [range]`: an agent's own figures per inquiry."""

from __future__ import annotations

from cxbot.answers.performance import performance_reply
from cxbot.answers.show import Reply
from cxbot.command_text import PERFORMANCE_RANGE, HelpQuery, PerformanceQuery, Query
from cxbot.commands.table import Asked, Subcommand


def parse(args: list[str]) -> Query:
    if len(args) > 1:
        return HelpQuery(f"`/cx me` takes at most a range, e.g. `/cx me last-30d`; I got `{' '.join(args)}`.")
    return PerformanceQuery(None, args[0] if args else PERFORMANCE_RANGE)


def answer(query: PerformanceQuery, asked: Asked) -> Reply:
    return performance_reply(query, asked.services, asked.user_id, asked.people)


COMMAND = Subcommand(
    coming="your figures per inquiry",
    name="me",
    usage="/cx me [range]",
    summary="(agents) your figures per inquiry: average CX score, resolution rate, handle time per channel and "
    "effectiveness, beside the team average and the top agent, rated Great / Good / Needs work against all agents "
    "on the inquiry; the inquiries helping you most and those to work on (default the past 3 months).",
    parse=parse,
    answer=answer,
)
