"""Any view as a reply: what to say, the blocks, and whether it may be seen by the whole channel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from slack_sdk.models.blocks import Block

from cx.access import Refused
from cx.ranges import RangeError
from cx.reports.case import CaseView
from cx.reports.cells import Cell
from cx.reports.journey import UnknownJourney
from cx.reports.slices import Slice
from cxbot.answers.load import load_case, load_case_page, load_journey, load_journeys, who_asks
from cxbot.answers.names import agent_names
from cxbot.navigation import View
from cxbot.people import SlackPeople
from cxbot.render.case import case_blocks, case_text
from cxbot.render.evaluation import evaluation_blocks, evaluation_text
from cxbot.render.help import problem_blocks
from cxbot.render.journey import journey_text
from cxbot.render.journey_cases import journey_view_blocks
from cxbot.render.journeys import journeys_blocks, journeys_text
from cxbot.render.limits import MESSAGE_BLOCKS, SECTION_TEXT, clip, fit
from cxbot.render.mrkdwn import esc
from cxbot.services import BotServices


@dataclass(frozen=True)
class Reply:
    text: str
    blocks: list[Block]
    public: bool = False  # in the channel; otherwise only the asker sees it
    refusal: bool = False  # a refusal or a mistake to fix: shown to the asker only, never in place of a message
    # slow work done once this reply is sent (drawing and uploading a chart): the text never waits for it;
    # it returns a reply to send after, or None when there is nothing more to say
    then: Callable[[], Reply | None] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # every reply leaves within Slack's sizes, whatever the view rendered
        object.__setattr__(self, "blocks", fit(self.blocks, MESSAGE_BLOCKS))
        object.__setattr__(self, "text", clip(self.text, SECTION_TEXT))

    @property
    def response_type(self) -> str:
        return "in_channel" if self.public else "ephemeral"


def deliver(reply: Reply, send: Callable[[Reply], object]) -> None:
    """Send the answer, then do what follows it (a chart) and send what that says, if anything."""
    send(reply)
    if reply.then is not None and (after := reply.then()) is not None:
        send(after)


def problem(message: str) -> Reply:
    """A refusal or a mistake to fix; the message may quote the user's input, so it is escaped."""
    return Reply(esc(message), problem_blocks(message), refusal=True)


def unknown_journey(exc: UnknownJourney) -> str:
    hint = f" Did you mean {', '.join(f'`{s}`' for s in exc.suggestions)}?" if exc.suggestions else ""
    return f"I don't know the journey `{exc.name}`.{hint}"


def case_names(case: CaseView, services: BotServices, people: SlackPeople | None) -> dict[str, str]:
    """Names for the case's agents whose contacts carry none (a help desk's export without names)."""
    unnamed = [c.agent_id for c, _ in case.contacts if c.agent_id and not c.agent_name]
    return agent_names(services, people, unnamed) if unnamed else {}


def _named(where: Slice | Cell, services: BotServices, people: SlackPeople | None) -> str:
    """The filter line with agents by name, not by id."""
    if isinstance(where, Cell):
        agents = [v for d, v in where.filters if d == "agent"]
        if not agents:
            return where.describe()
        names = agent_names(services, people, agents)
        named = tuple((d, names.get(v, v) if d == "agent" else v) for d, v in where.filters)
        return replace(where, filters=named).describe()
    if where.dimension == "agent":
        names = agent_names(services, people, where.values)
        where = replace(where, values=tuple(names.get(v, v) for v in where.values))
    return where.describe()


def _render(view: View, services: BotServices, user_id: str, people: SlackPeople | None) -> tuple[str, list[Block]]:
    who = who_asks(services, user_id)
    if view.kind == "journeys":
        report = load_journeys(view, services, who)
        return journeys_text(report), journeys_blocks(report, view)
    if view.kind == "journey":
        data = load_journey(view, services, who)
        cases = load_case_page(data, view, services)
        notes = []
        if not data.where.is_all:
            notes.append(f"Filtered to {esc(_named(data.where, services, people))}.")
        if cases is None and len(view.filters) > 1:
            notes.append("Cases are listed for one filter at a time; remove one to see them.")
        elif cases is None:
            notes.append("Cases can't be listed by channel; remove the channel filter to see them.")
        blocks = journey_view_blocks(data.report, cases, view, " ".join(notes))
        return journey_text(data.report), blocks
    case = load_case(view, services, who)
    if view.kind == "case":
        return case_text(case), case_blocks(case, view, case_names(case, services, people))
    conversation, evaluation = case.contact(view.conversation_id or "") or (None, None)
    if conversation is None or evaluation is None:
        raise LookupError(f"Case `{case.case_id}` has no evaluation of `{view.conversation_id}`.")
    return evaluation_text(conversation, evaluation), evaluation_blocks(conversation, evaluation, view, case.journey)


def show(view: View, services: BotServices, user_id: str, people: SlackPeople | None = None) -> Reply:
    """The reply for a view; refusals and mistakes are replies too, never an error and never data."""
    try:
        text, blocks = _render(view, services, user_id, people)
    except Refused as exc:
        return problem(str(exc))
    except RangeError as exc:
        return problem(str(exc))
    except UnknownJourney as exc:
        return problem(unknown_journey(exc))
    except (LookupError, ValueError) as exc:
        return problem(str(exc))
    return Reply(text, blocks, public=view.share)
