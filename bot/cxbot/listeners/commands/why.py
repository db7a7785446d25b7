"""`/cx why <journey|all> [range]` and the digest's Why? button: the explanation, and its chart as a PNG."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cx.access import Refused
from cx.explain import Explanation
from cx.ranges import RangeError
from cx.reports.journey import UnknownJourney
from cxbot.render.why import why_blocks, why_text
from cxbot.render.why_chart import why_png
from cxbot.services import BotServices
from cxbot.views.show import Reply, problem, unknown_journey
from cxbot.views.state import View
from cxbot.views.why import load_why

log = logging.getLogger(__name__)


def _upload_chart(client: WebClient, e: Explanation, share: bool, user_id: str, channel_id: str) -> str:
    """Post the chart where the answer goes (the channel when shared, else the asker's DM); say where."""
    try:
        target = channel_id if share else client.conversations_open(users=user_id)["channel"]["id"]
        name = f"cx-why-{e.scope}-{e.period.start}-{e.period.end}.png"
        client.files_upload_v2(
            channel=target,
            file_uploads=[{"file": why_png(e), "filename": name, "title": f"Daily CX: {e.scope}, {e.period.label}"}],
            initial_comment=f"Daily average CX for `/cx why {e.scope} {e.period.label}`",
        )
    except SlackApiError as exc:
        log.warning("why chart not uploaded", extra={"operation": "cx_why", "error": str(exc)})
        return "The daily chart could not be uploaded."
    return f"Daily chart (both periods, scorer changes marked): sent to {'this channel' if share else 'your DMs'}."


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
    note = _upload_chart(client, explanation, share, user_id, channel_id)
    view = View("journeys", range_text=range_text, share=share)
    return Reply(why_text(explanation), why_blocks(explanation, view, note), public=share)
