"""`/cx export <view> [range] [filters] [share]`: a view as CSV, for the subcommands the table marks exportable."""

from __future__ import annotations

from cxbot.answers.show import Reply
from cxbot.answers.upload import upload_export, upload_performance
from cxbot.command_text import CaseQuery, ExportQuery, HelpQuery, JourneyQuery, JourneysQuery, PerformanceQuery, Query
from cxbot.commands.table import Asked, Subcommand, commands
from cxbot.navigation import View

PERFORMANCE = ("me", "agent")  # an agent's figures: exported as their own CSV, not as a view


def exportable() -> list[str]:
    return [name for name, command in commands().items() if command.view is not None or name in PERFORMANCE]


def parse(args: list[str]) -> Query:
    names = ", ".join(f"`{n}`" for n in exportable())
    if not args:
        return HelpQuery(f"`/cx export` needs a view ({names}), e.g. `/cx export journeys last-30d`.")
    target = commands().get(args[0].lower())
    if target is None or target.name not in exportable():
        return HelpQuery(
            f"`/cx export` exports {names}, not `{args[0]}`; e.g. `/cx export journeys last-30d`.", brief=True
        )
    query = target.parse(args[1:])
    if isinstance(query, JourneysQuery | JourneyQuery | CaseQuery | PerformanceQuery):
        return ExportQuery(query)
    return query if isinstance(query, HelpQuery) else HelpQuery(f"`/cx export {target.name}` is not exportable.")


def answer(query: ExportQuery, asked: Asked) -> Reply:
    if isinstance(query.target, PerformanceQuery):
        return upload_performance(asked.client, query.target, asked.services, asked.user_id, asked.channel_id)
    view = View.of(query.target)
    return upload_export(asked.client, view, asked.services, asked.user_id, asked.channel_id)


COMMAND = Subcommand(
    coming="the CSV files (in your direct messages, or here with `share`)",
    name="export",
    usage="/cx export <view> [range]",  # a view: journeys, journey, case, me or agent
    summary="the view as CSV, sent to you (e.g. `/cx export journeys last-30d`).",
    parse=parse,
    answer=answer,
)
