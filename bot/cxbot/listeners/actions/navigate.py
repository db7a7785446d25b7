"""A drill-down, breadcrumb or page button: show the view it carries in place of the message."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, Respond

from cxbot.answers.show import problem, show
from cxbot.navigation import View
from cxbot.services import BotServices

log = logging.getLogger(__name__)


def acknowledge(ack: Ack) -> None:
    ack()


def navigator(services: BotServices) -> Callable[..., None]:
    def navigate(body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        try:
            view = View.decode(action.get("value", ""))
        except (ValueError, KeyError, TypeError):
            reply = problem("That button is out of date; run the command again.")
        else:
            reply = show(view, services, body.get("user", {}).get("id", ""))
        respond(text=reply.text, blocks=reply.blocks, response_type=reply.response_type, replace_original=True)
        log.info("view shown", extra={"operation": "cx_nav"})

    return navigate
