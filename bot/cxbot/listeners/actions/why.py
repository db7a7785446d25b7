"""The weekly digest's Why? button (action `cx_why`, value `{"journey": "<name or all>", "range": "<range>"}`):
the same answer as `/cx why`, for the clicker only, below the digest."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from cxbot.answers.show import deliver, problem
from cxbot.commands.why import why_reply
from cxbot.services import ServicesFor

log = logging.getLogger(__name__)
WHY_ACTION = "cx_why"


def why_asked(action: dict[str, Any]) -> tuple[str, str] | None:
    """The journey (or `all`) and range a Why? button carries, or None for a value of an older release."""
    try:
        value = json.loads(action.get("value", ""))
        return str(value["journey"]), str(value["range"])
    except (ValueError, KeyError, TypeError):
        return None


def why_clicked(services_for: ServicesFor) -> Callable[..., None]:
    def answer(
        context: BoltContext, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        services = services_for(context)
        user_id, channel_id = body.get("user", {}).get("id", ""), body.get("channel", {}).get("id", "")
        asked = why_asked(action)
        if asked is None:
            reply = problem('That Why? button is out of date (its value needs "journey" and "range").')
        else:
            reply = why_reply(client, services, *asked, user_id, channel_id, share=False)
        deliver(
            reply, lambda r: respond(text=r.text, blocks=r.blocks, response_type="ephemeral", replace_original=False)
        )
        log.info("why answered", extra={"operation": "cx_why", "source": "button"})

    return answer
