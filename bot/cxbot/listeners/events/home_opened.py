"""`app_home_opened`: publish the opener's Home tab (views.publish), as their role allows."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from cx.access import Refused
from cxbot.answers.home import home_blocks
from cxbot.answers.load import who_asks
from cxbot.render.home import home_view
from cxbot.services import BotServices, ServicesFor

log = logging.getLogger(__name__)


def has_role(services: BotServices, user_id: str) -> bool:
    try:
        who_asks(services, user_id)
    except Refused:
        return False
    return True


def acknowledge(ack: Ack) -> None:
    ack()


def publish_home(client: WebClient, services: BotServices, user_id: str) -> None:
    client.views_publish(user_id=user_id, view=home_view(home_blocks(services, user_id)))


def home_publisher(services_for: ServicesFor) -> Callable[..., None]:
    def publish(context: BoltContext, event: dict[str, Any], client: WebClient) -> None:
        services = services_for(context)
        if event.get("tab", "home") != "home":
            return  # the Messages tab needs nothing from us
        user = event.get("user", "")
        if services.homes is not None and has_role(services, user):
            services.homes.opened(user)  # refreshed after each fold from now on, within the throttle
        publish_home(client, services, user)
        log.info("home published", extra={"operation": "cx_home"})

    return publish
