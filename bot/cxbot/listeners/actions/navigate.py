"""A drill-down, breadcrumb or page button: show the view it carries in place of the message."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from cxbot.answers.show import problem, show
from cxbot.navigation import View
from cxbot.people import people_for
from cxbot.services import ServicesFor

log = logging.getLogger(__name__)


def acknowledge(ack: Ack) -> None:
    ack()


def on_shared_message(body: dict[str, Any], view: View) -> bool:
    """The button sits on a message the channel sees (Slack says so in ``container.is_ephemeral``)."""
    container = body.get("container") or {}
    if isinstance(container.get("is_ephemeral"), bool):
        return not container["is_ephemeral"]
    return view.share


def navigator(services_for: ServicesFor) -> Callable[..., None]:
    def navigate(
        context: BoltContext, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        """Replace the clicker's own message; a shared one stays as it is and the clicker alone sees the answer,
        built from what the clicker may see. A refusal never replaces a message."""
        services = services_for(context)
        try:
            view = View.decode(action.get("value", ""))
        except (ValueError, KeyError, TypeError):
            reply, shared = problem("That button is out of date; run the command again."), False
        else:
            shared = on_shared_message(body, view)
            user_id = body.get("user", {}).get("id", "")
            reply = show(replace(view, share=False) if shared else view, services, user_id, people_for(client))
        if shared or reply.refusal:
            respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral", replace_original=False)
        else:
            respond(text=reply.text, blocks=reply.blocks, response_type=reply.response_type, replace_original=True)
        log.info("view shown", extra={"operation": "cx_nav", "shared": shared, "refused": reply.refusal})

    return navigate
