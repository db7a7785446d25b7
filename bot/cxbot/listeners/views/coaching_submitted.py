"""A coaching wizard step submitted: errors back into the modal, the next step in its place, or the plan stored."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from cx.access import Refused
from cx.performance.access import subject
from cxbot.answers.load import who_asks
from cxbot.coaching.draft import Draft
from cxbot.coaching.wizard import advance
from cxbot.render.plan import plan_blocks, plan_text
from cxbot.services import ServicesFor

log = logging.getLogger(__name__)


def wizard_step(services_for: ServicesFor) -> Callable[..., None]:
    def submitted(
        context: BoltContext, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        services = services_for(context)
        draft = Draft.model_validate_json(view.get("private_metadata") or "{}")
        user = body["user"]["id"]
        first_block = "commit" if draft.step == "summary" else draft.step if draft.step != "review" else "action_1"
        try:
            who = who_asks(services, user)
            agent = subject(who, services.roles.get_roles() if services.roles else None, None)
        except Refused as exc:
            ack(response_action="errors", errors={first_block: str(exc)})
            return
        if services.performance is None or services.plans is None:
            ack(response_action="errors", errors={first_block: "Coaching plans aren't available: no coaching table."})
            return
        now = services.clock()
        values = view.get("state", {}).get("values", {})
        outcome = advance(draft, values, services.performance, agent, user, now, now.astimezone(services.tz).date())
        if outcome.errors:
            ack(response_action="errors", errors=outcome.errors)
        elif outcome.view is not None:
            ack(response_action="update", view=outcome.view)
        elif outcome.plan is not None:
            services.plans.add(outcome.plan)
            ack()
            today = now.astimezone(services.tz).date()
            channel = client.conversations_open(users=user)["channel"]["id"]
            client.chat_postMessage(
                channel=channel, text=plan_text(outcome.plan, today), blocks=plan_blocks(outcome.plan, today)
            )
            log.info("coaching plan committed", extra={"operation": "coaching_plan", "plan": outcome.plan.id})

    return submitted
