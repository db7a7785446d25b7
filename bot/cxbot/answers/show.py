"""Any view as a reply: what to say, the blocks, and whether it may be seen by the whole channel."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.models.blocks import Block

from cx.access import Refused
from cx.ranges import RangeError
from cx.reports.journey import UnknownJourney
from cxbot.answers.load import load_case, load_case_page, load_journey, load_journeys, who_asks
from cxbot.navigation import View
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

    def __post_init__(self) -> None:
        # every reply leaves within Slack's sizes, whatever the view rendered
        object.__setattr__(self, "blocks", fit(self.blocks, MESSAGE_BLOCKS))
        object.__setattr__(self, "text", clip(self.text, SECTION_TEXT))

    @property
    def response_type(self) -> str:
        return "in_channel" if self.public else "ephemeral"


def problem(message: str) -> Reply:
    """A refusal or a mistake to fix; the message may quote the user's input, so it is escaped."""
    return Reply(esc(message), problem_blocks(message), refusal=True)


def unknown_journey(exc: UnknownJourney) -> str:
    hint = f" Did you mean {', '.join(f'`{s}`' for s in exc.suggestions)}?" if exc.suggestions else ""
    return f"I don't know the journey `{exc.name}`.{hint}"


def _render(view: View, services: BotServices, user_id: str) -> tuple[str, list[Block]]:
    who = who_asks(services, user_id)
    if view.kind == "journeys":
        report = load_journeys(view, services, who)
        return journeys_text(report), journeys_blocks(report, view)
    if view.kind == "journey":
        data = load_journey(view, services, who)
        cases = load_case_page(data, view, services)
        notes = []
        if not data.where.is_all:
            notes.append(f"Filtered to {esc(data.where.describe())}.")
        if cases is None and len(view.filters) > 1:
            notes.append("Cases are listed for one filter at a time; remove one to see them.")
        elif cases is None:
            notes.append("Cases can't be listed by channel; remove the channel filter to see them.")
        blocks = journey_view_blocks(data.report, cases, view, " ".join(notes))
        return journey_text(data.report), blocks
    case = load_case(view, services, who)
    if view.kind == "case":
        return case_text(case), case_blocks(case, view)
    conversation, evaluation = case.contact(view.conversation_id or "") or (None, None)
    if conversation is None or evaluation is None:
        raise LookupError(f"Case `{case.case_id}` has no evaluation of `{view.conversation_id}`.")
    return evaluation_text(conversation, evaluation), evaluation_blocks(conversation, evaluation, view, case.journey)


def show(view: View, services: BotServices, user_id: str) -> Reply:
    """The reply for a view; refusals and mistakes are replies too, never an error and never data."""
    try:
        text, blocks = _render(view, services, user_id)
    except Refused as exc:
        return problem(str(exc))
    except RangeError as exc:
        return problem(str(exc))
    except UnknownJourney as exc:
        return problem(unknown_journey(exc))
    except (LookupError, ValueError) as exc:
        return problem(str(exc))
    return Reply(text, blocks, public=view.share)
