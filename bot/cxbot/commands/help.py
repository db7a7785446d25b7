"""`/cx help`, and the answer to anything not understood: what to fix, then every subcommand from the table."""

from __future__ import annotations

from cxbot.answers.show import Reply, problem
from cxbot.command_text import HelpQuery, Query
from cxbot.commands.table import Asked, Subcommand, commands
from cxbot.render.help import help_blocks
from cxbot.render.mrkdwn import esc


def parse(args: list[str]) -> Query:
    return HelpQuery()


def help_text() -> str:
    return "\n".join(f"*`{c.usage}`* {c.summary}" for c in commands().values())


def answer(query: HelpQuery, asked: Asked) -> Reply:
    if query.brief and query.problem:
        return problem(query.problem)
    return Reply(esc(query.problem or "How to use /cx"), help_blocks(help_text(), query.problem))


COMMAND = Subcommand(name="help", usage="/cx help", summary="this message.", parse=parse, answer=answer)
