"""`/cx why <journey|all> [range]` and the digest's Why? button: the explanation, and its chart as a PNG."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject

from cx.access import Refused
from cx.explain import Explanation
from cx.ranges import RangeError
from cx.reports.journey import UnknownJourney
from cxbot.answers.names import agent_names, agents_in, named_explanation
from cxbot.answers.show import Reply, problem, unknown_journey
from cxbot.answers.why import MANAGERS_ONLY, load_why
from cxbot.command_text import HelpQuery, Query, WhyQuery, tail
from cxbot.commands.table import MANAGERS, Asked, Subcommand
from cxbot.navigation import View
from cxbot.people import people_for
from cxbot.render.mrkdwn import esc
from cxbot.render.why import why_blocks, why_text
from cxbot.render.why_chart import why_png
from cxbot.services import BotServices

log = logging.getLogger(__name__)


def _upload_chart(client: WebClient, e: Explanation, share: bool, user_id: str, channel_id: str) -> Reply | None:
    """Draw and post the chart where the answer goes (the channel when shared, else the asker's DM), after the
    answer is sent; a line when it could not be uploaded, else nothing more to say."""
    try:
        target = channel_id if share else client.conversations_open(users=user_id)["channel"]["id"]
        name = f"cx-why-{e.scope}-{e.period.start}-{e.period.end}.png"
        client.files_upload_v2(
            channel=target,
            file_uploads=[{"file": why_png(e), "filename": name, "title": f"Daily CX: {e.scope}, {e.period.label}"}],
            initial_comment=f"Daily average CX for `/cx why {esc(e.scope)} {e.period.label}`",
        )
    except SlackApiError as exc:
        log.warning("why chart not uploaded", extra={"operation": "cx_why", "error": str(exc)})
        message = "The daily chart could not be uploaded; the explanation above is complete without it."
        return Reply(message, [ContextBlock(elements=[MarkdownTextObject(text=f":warning: {message}")])])
    return None


def why_reply(
    client: WebClient,
    services: BotServices,
    scope: str,
    range_text: str,
    user_id: str,
    channel_id: str,
    share: bool,
    filters: tuple[tuple[str, str], ...] = (),
) -> Reply:
    try:
        explanation = load_why(scope, range_text, services, user_id, filters)
    except UnknownJourney as exc:
        return problem(unknown_journey(exc))
    except (Refused, RangeError, LookupError, ValueError) as exc:
        return problem(str(exc))
    explanation = named_explanation(explanation, agent_names(services, people_for(client), agents_in(explanation)))
    where = "this channel" if share else "your DMs"
    note = f"Daily chart (both periods, evaluations a day, scorer changes marked): follows in {where}."
    view = View("journeys", range_text=range_text, share=share)
    e = explanation
    return Reply(why_text(e), why_blocks(e, view, note), public=share,
                 then=lambda: _upload_chart(client, e, share, user_id, channel_id))  # fmt: skip


def parse(args: list[str]) -> Query:
    if not args:
        return HelpQuery("`/cx why` needs a journey or `all`, e.g. `/cx why billing last-week`.")
    rest = tail("why", args[1:], max_filters=2)
    if isinstance(rest, HelpQuery):
        if rest.problem and "filter" in rest.problem.lower():
            return rest
        return HelpQuery(
            f"`/cx why` takes a journey (or `all`), a range, up to two filters (`team:…`, `channel:…`, "
            f"`agent:…`) and `share`; I got `{' '.join(args)}`."
        )
    return WhyQuery(args[0], rest.range_text, rest.share, rest.filters)


def answer(query: WhyQuery, asked: Asked) -> Reply:
    return why_reply(
        asked.client,
        asked.services,
        query.scope,
        query.range_text,
        asked.user_id,
        asked.channel_id,
        query.share,
        query.filters,
    )


COMMAND = Subcommand(
    coming="the explanation, then its daily chart",
    name="why",
    usage="/cx why <journey|all> [range]",
    summary="why the score moved against the period before: is it real, where (channel, inquiry, team, agent; "
    "mix or rate), which reasons changed, and whether the scorer changed.",
    parse=parse,
    answer=answer,
    roles=MANAGERS,
    refusal=MANAGERS_ONLY,
)
