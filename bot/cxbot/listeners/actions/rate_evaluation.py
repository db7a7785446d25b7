"""*Rate this* pressed: open the rating modal for that evaluation."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from cxbot.render.rate import rate_modal


def open_rating(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
    ack()
    ids = json.loads(action.get("value") or "{}")
    client.views_open(trigger_id=body["trigger_id"], view=rate_modal(ids["conversation_id"], ids["evaluation_id"]))
