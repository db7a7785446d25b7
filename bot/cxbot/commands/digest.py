"""`/cx digest [range] [share]`: the weekly digest on demand, for managers.

Only the asker sees it, with the chart in their direct messages; with `share` it is posted in the
channel with the chart in its thread, as the scheduled digest is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from cx.ranges import RangeError, parse_range
from cxbot.answers.show import Reply, problem
from cxbot.command_text import DigestQuery, HelpQuery, Query, tail
from cxbot.commands.table import MANAGERS, Asked, Subcommand
from cxbot.digest_post import UNREACHABLE, SlackDigestTarget, chart_filename, draw_chart
from cxbot.render.digest import digest_blocks, digest_text
from cxbot.render.mrkdwn import esc
from cxbot.services import BotServices

log = logging.getLogger(__name__)
MANAGERS_ONLY = "The digest covers every team, so it is for managers; `/cx journeys` shows your teams."


def parse(args: list[str]) -> Query:
    rest = tail("digest", args)
    if isinstance(rest, HelpQuery) or rest.filters:
        return HelpQuery("`/cx digest` takes a range and `share`, e.g. `/cx digest last-week share`.")
    return DigestQuery(rest.range_text if any(a.lower() != "share" for a in args) else "last-week", rest.share)


def answer(query: DigestQuery, asked: Asked) -> Reply:
    return digest_answer(query, asked.services, asked.client, asked.user_id, asked.channel_id)


def digest_answer(query: DigestQuery, services: BotServices, client: WebClient, user_id: str, channel: str) -> Reply:
    if services.digest is None:
        return problem("The digest is not available in this deployment.")
    try:
        now = services.clock()
        digest = services.digest(parse_range(query.range_text, now, services.tz), None, now)
    except RangeError as exc:
        return problem(str(exc))
    if query.share:
        target = SlackDigestTarget(client, channel, digest, draw_chart)
        try:
            ts = target.post(f"adhoc#{channel}#{user_id}#{now.isoformat()}")
        except SlackApiError as exc:
            if exc.response.get("error") in UNREACHABLE:
                return problem("I can't post in this channel: invite me first (`/invite @cx`), then ask again.")
            raise
        message = "Posted the digest in this channel; its chart follows in the thread."
        return Reply(message, [SectionBlock(text=MarkdownTextObject(text=f":white_check_mark: {message}"))],
                     then=lambda: _after(lambda: target.attach_chart(ts)))  # fmt: skip

    def upload() -> None:
        dm = client.conversations_open(users=user_id)["channel"]["id"]
        client.files_upload_v2(
            channel=dm, file=draw_chart(digest), filename=chart_filename(digest), title="CX trend per journey",
            initial_comment=f"Chart for your `/cx digest {esc(query.range_text)}`",
        )  # fmt: skip

    blocks = digest_blocks(digest, chart_note="Chart: follows in your direct messages.")
    return Reply(digest_text(digest), blocks, then=lambda: _after(upload))


def _after(draw_and_upload: Callable[[], object]) -> Reply | None:
    """The chart, once the digest is on screen; a line when it could not be uploaded (the digest stands alone)."""
    try:
        draw_and_upload()
    except SlackApiError as exc:
        log.warning("digest chart not uploaded", extra={"operation": "cx_digest", "error": str(exc)[:200]})
        message = "The digest's chart could not be uploaded; the digest above is complete without it."
        return Reply(message, [SectionBlock(text=MarkdownTextObject(text=f":warning: {message}"))])
    return None


COMMAND = Subcommand(
    coming="the digest, then its chart",
    name="digest",
    usage="/cx digest [range]",
    summary="the weekly digest: the week against last week and the 8 before, the trend chart, top movers, "
    "conversations worth a QA review, scorer health (default `last-week`; managers).",
    parse=parse,
    answer=answer,
    roles=MANAGERS,
    refusal=MANAGERS_ONLY,
)
