"""The rating modal submitted: validate (errors shown in the modal), then store the label with reviewer and time."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from slack_bolt import Ack, BoltContext

from cx.calibration.labels import Label
from cxbot.answers.rating import rating_refusal
from cxbot.render.rate import REASON_ACTION, REASON_BLOCK, SCORE_ACTION, SCORE_BLOCK
from cxbot.services import ServicesFor

log = logging.getLogger(__name__)


def _score(values: dict[str, Any]) -> int | None:
    selected = (values.get(SCORE_BLOCK, {}).get(SCORE_ACTION) or {}).get("selected_option") or {}
    text = str(selected.get("value", "")).strip()
    return int(text) if text.isdigit() and 1 <= int(text) <= 5 else None


def store_rating(services_for: ServicesFor) -> Callable[..., None]:
    def submitted(context: BoltContext, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        services = services_for(context)
        values = view.get("state", {}).get("values", {})
        score = _score(values)
        if score is None:
            ack(response_action="errors", errors={SCORE_BLOCK: "Choose a CX score from 1 to 5."})
            return
        if services.labels is None:
            ack(response_action="errors", errors={SCORE_BLOCK: "Ratings cannot be stored: no labels table."})
            return
        reason = ((values.get(REASON_BLOCK, {}).get(REASON_ACTION) or {}).get("value") or "").strip() or None
        try:
            ids = json.loads(view.get("private_metadata") or "{}")
        except ValueError:
            ids = {}
        refusal = rating_refusal(services, body.get("user", {}).get("id", ""), str(ids.get("conversation_id", "")))
        if refusal is not None:  # the modal's metadata can be forged: decided again, as when it opened
            ack(response_action="errors", errors={SCORE_BLOCK: refusal})
            log.info("rating refused", extra={"operation": "rate_evaluation"})
            return
        try:
            label = Label(
                conversation_id=ids.get("conversation_id", ""),
                reviewer=body["user"]["id"],
                score=score,
                reason=reason,
                labelled_at=services.clock(),
            )
        except ValidationError as exc:
            ack(response_action="errors", errors={REASON_BLOCK: exc.errors()[0]["msg"]})
            return
        services.labels.put_labels([label])
        ack()
        log.info("rating stored", extra={"operation": "rate_evaluation", "evaluation_id": ids.get("evaluation_id")})

    return submitted
