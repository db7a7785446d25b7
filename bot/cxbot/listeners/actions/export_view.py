"""The Export CSV button: upload the view it carries, and tell the user where it went."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from cxbot.answers.show import problem
from cxbot.answers.upload import upload_export
from cxbot.navigation import View
from cxbot.services import ServicesFor

log = logging.getLogger(__name__)


def exporter(services_for: ServicesFor) -> Callable[..., None]:
    def export(
        context: BoltContext, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        services = services_for(context)
        try:
            view = View.decode(action.get("value", ""))
        except (ValueError, KeyError, TypeError):
            reply = problem("That button is out of date; run the command again.")
        else:
            user_id, channel_id = body.get("user", {}).get("id", ""), body.get("channel", {}).get("id", "")
            reply = upload_export(client, view, services, user_id, channel_id)
        respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral", replace_original=False)
        log.info("view exported", extra={"operation": "cx_export"})

    return export
