"""Upload a view's CSV files (files upload v2): to the asker's DM, or to the channel when asked to share."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from cx.access import Refused
from cx.ranges import RangeError
from cx.reports.journey import UnknownJourney
from cxbot.answers.export import export_files
from cxbot.answers.show import Reply, problem, unknown_journey
from cxbot.navigation import View
from cxbot.people import people_for
from cxbot.render.mrkdwn import esc
from cxbot.services import BotServices


def upload_export(client: WebClient, view: View, services: BotServices, user_id: str, channel_id: str) -> Reply:
    """Upload the files and say where they went (or why not), as a reply for the asker."""
    try:
        title, files = export_files(view, services, user_id, people_for(client))
    except UnknownJourney as exc:
        return problem(unknown_journey(exc))
    except (Refused, RangeError, LookupError, ValueError) as exc:
        return problem(str(exc))
    if view.share:
        target, where = channel_id, "this channel"
    else:
        target, where = client.conversations_open(users=user_id)["channel"]["id"], "your direct messages"
    client.files_upload_v2(
        channel=target,
        file_uploads=[{"content": f.content, "filename": f.filename, "title": f.filename} for f in files],
        initial_comment=f"{esc(title)}: CSV export",
    )
    names = ", ".join(f"`{esc(f.filename)}`" for f in files)
    message = f"Exported {esc(title)} to {where}: {names}."
    return Reply(message, [SectionBlock(text=MarkdownTextObject(text=f":page_facing_up: {message}"))])
