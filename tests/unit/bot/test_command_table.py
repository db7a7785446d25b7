"""The one table of `/cx` subcommands: the grammar, the help, `/cx export` and who may ask all come from it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fakes import FakeAggregateStore

from cx.access import Roles
from cxbot.command_text import ExportQuery, HelpQuery, JourneyQuery, PerformanceQuery
from cxbot.commands.help import help_text
from cxbot.commands.table import authorise, commands, parse, route
from cxbot.services import BotServices

ROLES = Roles(managers=["UM"], leads={"UL": ["alpha"]}, agents={"UA": "agent-7"})
ROLE_OF = {"UM": "manager", "UL": "lead", "UA": "agent"}


class Roster:
    def get_roles(self) -> Roles | None:
        return ROLES


def services() -> BotServices:
    return BotServices(FakeAggregateStore(), UTC, 4, lambda: datetime(2026, 3, 9, tzinfo=UTC), roles=Roster())


def test_the_help_lists_every_subcommand_in_the_table() -> None:
    text = help_text()
    for command in commands().values():
        assert f"`{command.usage}`" in text


@pytest.mark.parametrize("name", ["why", "calibration", "digest", "admin", "plans", "help"])
def test_export_of_a_view_it_cannot_export_says_which_it_can(name: str) -> None:
    query = parse(f"export {name} billing last-week")

    assert isinstance(query, HelpQuery) and query.problem
    exportable = [c.name for c in commands().values() if c.view is not None] + ["me", "agent"]
    assert all(f"`{n}`" in query.problem for n in exportable) and f"not `{name}`" in query.problem


def test_export_of_an_agents_figures_carries_their_query() -> None:
    assert parse("export me last-30d") == ExportQuery(PerformanceQuery(None, "last-30d"))
    assert parse("export agent @ana") == ExportQuery(PerformanceQuery("@ana", "last-90d"))


def test_export_of_an_exportable_view_carries_that_view() -> None:
    assert parse("export journey billing last-week") == ExportQuery(JourneyQuery("billing", "last-week"))


def test_a_mistake_is_answered_by_help() -> None:
    command, query = route("journey")
    assert command.name == "help" and isinstance(query, HelpQuery) and "needs a journey name" in (query.problem or "")


@pytest.mark.parametrize("user", ["UM", "UL", "UA", "U0STRANGER"])
@pytest.mark.parametrize("name", sorted(commands()))
def test_role_matrix_only_the_roles_the_table_names_get_past_authorisation(name: str, user: str) -> None:
    command = commands()[name]
    refusal = authorise(command, services(), user)

    if command.roles is None:
        assert refusal is None  # the answer narrows to what the role may see (or refuses a stranger itself)
    elif ROLE_OF.get(user) in command.roles:
        assert refusal is None
    else:
        assert refusal is not None and (command.refusal in refusal.text or "role" in refusal.text)
