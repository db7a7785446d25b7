"""The one table of `/cx` subcommands: the dispatcher, the help, `/cx export` and the role tests all read it.

Each subcommand lives in its own module under ``cxbot.commands`` (its grammar, who may ask, its answer, and
whether `/cx export` can export it) and is registered here, in the order the help lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient

from cx.access import Refused, viewer
from cxbot.answers.show import Reply, problem, show
from cxbot.command_text import CaseQuery, HelpQuery, JourneyQuery, JourneysQuery, Query
from cxbot.navigation import View
from cxbot.people import SlackPeople, people_for
from cxbot.services import BotServices
from cxbot.typed_text import closest, plain

MANAGERS = frozenset({"manager"})


@dataclass(frozen=True)
class Asked:
    """Who asked, where, and what the answer may use."""

    services: BotServices
    client: WebClient
    user_id: str
    channel_id: str

    @property
    def people(self) -> SlackPeople:
        """Who is who in the asker's workspace (names for agent ids, ids for typed `@names`)."""
        return people_for(self.client)


@dataclass(frozen=True)
class Subcommand:
    name: str
    usage: str  # as the help shows it, e.g. `/cx journeys [range]`
    summary: str  # the help's line for it (mrkdwn)
    parse: Callable[[list[str]], Query]  # the words after the name -> its query, or a HelpQuery saying what to fix
    answer: Callable[[Any, Asked], Reply]
    # who may ask (the roles in cx.access); None: anyone with a role, each answer narrowing to what they may see
    roles: frozenset[str] | None = None
    refusal: str = ""  # what someone outside ``roles`` is told
    view: Callable[[Any], View] | None = None  # the view `/cx export <name>` exports; None: not exportable
    coming: str = "the answer"  # what the acknowledgement says is on its way, e.g. "the digest, then its chart"


def authorise(command: Subcommand, services: BotServices, user_id: str) -> Reply | None:
    """A refusal before anything is read, or None when the asker may go on."""
    if command.roles is None:
        return None
    try:
        who = viewer(services.roles.get_roles() if services.roles else None, user_id)
    except Refused as refusal:
        return problem(str(refusal))
    return None if who.role in command.roles else problem(command.refusal)


def show_view(query: CaseQuery | JourneyQuery | JourneysQuery, asked: Asked) -> Reply:
    """The answer of the subcommands that show a view (journeys, journey, case), with its buttons."""
    return show(View.of(query), asked.services, asked.user_id, asked.people)


def commands() -> dict[str, Subcommand]:
    """Every subcommand by name, in the help's order."""
    from cxbot.commands import (
        admin,
        agent,
        calibration,
        case,
        digest,
        export,
        help,
        journey,
        journeys,
        me,
        plans,
        why,
    )

    modules = (journeys, journey, case, export, why, calibration, admin, me, agent, plans, digest, help)
    return {m.COMMAND.name: m.COMMAND for m in modules}


def route(text: str) -> tuple[Subcommand, Query]:
    """The subcommand that answers ``text`` and its query; a mistake is answered by help, saying what to fix."""
    table = commands()
    words = plain(text).split()
    if not words or words[0].lower() in ("help", "?"):
        return table["help"], HelpQuery()
    verb, args = words[0].lower(), words[1:]
    command = table.get(verb)
    if command is None and (meant := closest(verb, list(table))):
        # a typo: one line, not the whole help
        return table["help"], HelpQuery(f"I don't know `/cx {verb}`. Did you mean `/cx {meant}`?", brief=True)
    query = command.parse(args) if command else HelpQuery(f"I don't know `/cx {verb}`.")
    if command is None or isinstance(query, HelpQuery):
        return table["help"], query
    return command, query


def parse(text: str) -> Query:
    return route(text)[1]
