"""The Home tab's Why? button: a Home tab has no response_url, so the `/cx why` answer goes to the clicker's DM."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from cxbot.answers.show import deliver, problem
from cxbot.commands.why import why_reply
from cxbot.listeners.actions.why import why_asked
from cxbot.services import ServicesFor

log = logging.getLogger(__name__)


def home_why(services_for: ServicesFor) -> Callable[..., None]:
    def answer(context: BoltContext, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        services = services_for(context)
        user_id = body.get("user", {}).get("id", "")
        dm = client.conversations_open(users=user_id)["channel"]["id"]
        asked = why_asked(action)
        if asked is None:
            reply = problem("That Why? button is out of date; open the Home tab again.")
        else:
            reply = why_reply(client, services, *asked, user_id, dm, share=False)
        deliver(reply, lambda r: client.chat_postMessage(channel=dm, text=r.text, blocks=r.blocks))
        log.info("why answered", extra={"operation": "cx_why", "source": "home"})

    return answer
