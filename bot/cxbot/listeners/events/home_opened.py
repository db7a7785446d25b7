"""`app_home_opened`: publish the opener's Home tab (views.publish), as their role allows."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from cxbot.answers.home import home_blocks
from cxbot.render.home import home_view
from cxbot.services import BotServices, ServicesFor

log = logging.getLogger(__name__)


def acknowledge(ack: Ack) -> None:
    ack()


def publish_home(client: WebClient, services: BotServices, user_id: str) -> None:
    client.views_publish(user_id=user_id, view=home_view(home_blocks(services, user_id)))


def home_publisher(services_for: ServicesFor) -> Callable[..., None]:
    def publish(context: BoltContext, event: dict[str, Any], client: WebClient) -> None:
        services = services_for(context)
        if event.get("tab", "home") != "home":
            return  # the Messages tab needs nothing from us
        publish_home(client, services, event.get("user", ""))
        log.info("home published", extra={"operation": "cx_home"})

    return publish
