"""Buttons on a plan: *Mark done* on an action (in the daily DM), *View* and *Close* in `/cx plans`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from cx.access import Refused
from cxbot.answers.plans import close_plan, plans_reply, tick_action
from cxbot.command_text import PlansQuery
from cxbot.render.help import problem_blocks
from cxbot.render.mrkdwn import esc
from cxbot.render.plan import plan_blocks, plan_text
from cxbot.services import ServicesFor


def acknowledge(ack: Ack) -> None:
    ack()


def action_ticker(services_for: ServicesFor) -> Callable[..., None]:
    def tick(context: BoltContext, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        services = services_for(context)
        picked = json.loads(action.get("value") or "{}")
        user = body["user"]["id"]
        try:
            plan = tick_action(services, user, str(picked.get("p", "")), int(picked.get("a", -1)))
        except (Refused, LookupError, ValueError) as exc:
            respond(
                text=esc(str(exc)), blocks=problem_blocks(str(exc)), replace_original=False, response_type="ephemeral"
            )
            return
        today = services.clock().astimezone(services.tz).date()
        respond(text=plan_text(plan, today), blocks=plan_blocks(plan, today), replace_original=True)

    return tick


def plan_viewer(services_for: ServicesFor) -> Callable[..., None]:
    def view(context: BoltContext, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        services = services_for(context)
        reply = plans_reply(PlansQuery("view", action.get("value")), services, body["user"]["id"])
        respond(text=reply.text, blocks=reply.blocks, replace_original=False, response_type="ephemeral")

    return view


def plan_closer(services_for: ServicesFor) -> Callable[..., None]:
    def close(context: BoltContext, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        services = services_for(context)
        user = body["user"]["id"]
        try:
            plan = close_plan(services, user, action.get("value") or "", None)
        except (Refused, LookupError) as exc:
            respond(
                text=esc(str(exc)), blocks=problem_blocks(str(exc)), replace_original=False, response_type="ephemeral"
            )
            return
        reply = plans_reply(PlansQuery("list"), services, user)
        respond(text=f"Closed plan {plan.id}. {reply.text}", blocks=reply.blocks, replace_original=True)

    return close
