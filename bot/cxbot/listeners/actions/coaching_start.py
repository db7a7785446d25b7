"""*Let's build a coaching plan* pressed: open the wizard's first step (views.open within the trigger's 3 seconds)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from cx.performance.metrics import parse_metric
from cxbot.coaching.draft import Draft
from cxbot.render.coaching_wizard import metric_step


def wizard_opener() -> Callable[..., None]:
    def open_wizard(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        picked = json.loads(action.get("value") or "{}")
        draft = Draft(inquiry=picked["i"], metric=parse_metric(picked["m"]))
        client.views_open(trigger_id=body["trigger_id"], view=metric_step(draft))

    return open_wizard
