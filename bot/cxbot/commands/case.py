"""`/cx case <id> [share]`: one case, its contacts and their evaluations."""

from __future__ import annotations

from cxbot.command_text import CaseQuery, HelpQuery, Query
from cxbot.commands.table import Subcommand, show_view
from cxbot.navigation import View


def parse(args: list[str]) -> Query:
    if len(args) not in (1, 2) or (len(args) == 2 and args[1].lower() != "share"):
        return HelpQuery("`/cx case` needs one case id, e.g. `/cx case CASE-000042` (any letter case, or just `42`).")
    return CaseQuery(args[0], share=len(args) == 2)


COMMAND = Subcommand(
    coming="the case and its contacts",
    name="case",
    usage="/cx case <id>",
    summary="one case: its contacts, each evaluation with its sub-scores, reasons and evidence.",
    parse=parse,
    answer=show_view,
    view=View.of,
)
