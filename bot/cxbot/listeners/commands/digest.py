"""`/cx digest [range] [share]`: the weekly digest on demand, for managers.

Only the asker sees it, with the chart in their direct messages; with `share` it is posted in the
channel with the chart in its thread, as the scheduled digest is.
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from cx.access import Refused, viewer
from cx.ranges import RangeError, parse_range
from cxbot.command_text import DigestQuery
from cxbot.digest_post import UNREACHABLE, SlackDigestTarget, chart_filename, draw_chart
from cxbot.render.digest import digest_blocks, digest_text
from cxbot.render.mrkdwn import esc
from cxbot.services import BotServices
from cxbot.views.show import Reply, problem


def digest_answer(query: DigestQuery, services: BotServices, client: WebClient, user_id: str, channel: str) -> Reply:
    if services.digest is None:
        return problem("The digest is not available in this deployment.")
    try:
        who = viewer(services.roles.get_roles() if services.roles else None, user_id)
        if who.role != "manager":
            raise Refused("The digest covers every team, so it is for managers; `/cx journeys` shows your teams.")
        now = services.clock()
        digest = services.digest(parse_range(query.range_text, now, services.tz), None, now)
    except (Refused, RangeError) as exc:
        return problem(str(exc))
    if query.share:
        target = SlackDigestTarget(client, channel, digest, draw_chart)
        try:
            target.attach_chart(target.post(f"adhoc#{channel}#{user_id}#{now.isoformat()}"))
        except SlackApiError as exc:
            if exc.response.get("error") in UNREACHABLE:
                return problem("I can't post in this channel: invite me first (`/invite @cx`), then ask again.")
            raise
        message = "Posted the digest in this channel, with its chart in the thread."
        return Reply(message, [SectionBlock(text=MarkdownTextObject(text=f":white_check_mark: {message}"))])
    dm = client.conversations_open(users=user_id)["channel"]["id"]
    client.files_upload_v2(
        channel=dm, file=draw_chart(digest), filename=chart_filename(digest), title="CX trend per journey",
        initial_comment=f"Chart for your `/cx digest {esc(query.range_text)}`",
    )  # fmt: skip
    return Reply(digest_text(digest), digest_blocks(digest, chart_note="Chart: sent to your direct messages."))
