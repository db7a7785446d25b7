"""Upload a view's CSV files (files upload v2): to the asker's DM, or to the channel when asked to share."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from cx.access import Refused
from cx.ranges import RangeError
from cx.reports.journey import UnknownJourney
from cxbot.answers.export import CsvFile, export_files, performance_files
from cxbot.answers.show import Reply, problem, unknown_journey
from cxbot.command_text import PerformanceQuery
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
    return send_files(client, title, files, view.share, user_id, channel_id)


def upload_performance(
    client: WebClient, query: PerformanceQuery, services: BotServices, user_id: str, channel_id: str
) -> Reply:
    """An agent's figures as CSV, to the asker's direct messages (never shared: they are one person's)."""
    try:
        title, files = performance_files(query, services, user_id, people_for(client))
    except (Refused, RangeError) as exc:
        return problem(str(exc))
    return send_files(client, title, files, False, user_id, channel_id)


def send_files(
    client: WebClient, title: str, files: list[CsvFile], share: bool, user_id: str, channel_id: str
) -> Reply:
    if share:
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
