"""A digest's `Open case` button: the case view for the person who clicked, leaving the digest in place."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from cxbot.answers.show import problem, show
from cxbot.navigation import View
from cxbot.people import people_for
from cxbot.services import ServicesFor

log = logging.getLogger(__name__)


def case_opener(services_for: ServicesFor) -> Callable[..., None]:
    def open_case(
        context: BoltContext, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        services = services_for(context)
        try:
            view = View.decode(action.get("value", ""))
        except (ValueError, KeyError, TypeError):
            reply = problem("That button is out of date; run `/cx digest` again.")
        else:
            reply = show(view, services, body.get("user", {}).get("id", ""), people_for(client))
        respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral", replace_original=False)
        log.info("digest case opened", extra={"operation": "cx_digest_case"})

    return open_case
