"""After a fold: publish the Home tab of each user who has opened it, at most once every few minutes each.

Called by the aggregate function once a batch is folded (the new figures are in the store). The throttle is in
DynamoDB (``cx.home.due_homes``), so it holds across concurrent invocations; a publish that fails is logged and
left for the next fold or the next opening: the fold itself is already committed and is never retried for it.
"""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cx.home import due_homes
from cxbot.listeners.events.home_opened import publish_home
from cxbot.services import BotServices

log = logging.getLogger(__name__)


def refresh_homes(client: WebClient, services: BotServices, now: datetime) -> list[str]:
    """The users whose Home tab was published (each one ``views.publish``)."""
    if services.homes is None:
        return []
    published = []
    for user in due_homes(services.homes, now):
        try:
            publish_home(client, services, user)
        except SlackApiError as exc:
            log.warning("home not refreshed", extra={"operation": "cx_home_refresh", "error": str(exc)[:200]})
            continue
        published.append(user)
    return published
