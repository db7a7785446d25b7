"""*Rate this* pressed: open the rating modal for that evaluation, if the clicker may rate it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from cxbot.answers.rating import rating_refusal
from cxbot.render.help import problem_blocks
from cxbot.render.mrkdwn import esc
from cxbot.render.rate import rate_modal
from cxbot.services import ServicesFor


def rating_opener(services_for: ServicesFor) -> Callable[..., None]:
    def open_rating(
        context: BoltContext,
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        client: WebClient,
        respond: Respond,
    ) -> None:
        services = services_for(context)
        ack()
        try:
            ids = json.loads(action.get("value") or "{}")
            conversation_id, evaluation_id = str(ids["conversation_id"]), str(ids["evaluation_id"])
        except (ValueError, KeyError, TypeError):
            conversation_id, evaluation_id = "", ""
        refusal = rating_refusal(services, body.get("user", {}).get("id", ""), conversation_id)
        if refusal is not None:
            respond(
                text=esc(refusal), blocks=problem_blocks(refusal), response_type="ephemeral", replace_original=False
            )
            return
        client.views_open(trigger_id=body["trigger_id"], view=rate_modal(conversation_id, evaluation_id))

    return open_rating
