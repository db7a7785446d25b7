"""`/cx plans` (list, view, close) and the plan buttons, within what the asker's role allows."""

from __future__ import annotations

from datetime import date

from cx.access import Refused
from cx.coaching.access import may_see_plan
from cx.coaching.plan import CoachingPlan, PlanStatus
from cxbot.answers.load import who_asks
from cxbot.answers.show import Reply, problem
from cxbot.command_text import PlansQuery
from cxbot.render.mrkdwn import esc, mention
from cxbot.render.plan import plan_blocks, plan_text, plans_blocks
from cxbot.services import BotServices

NO_PLANS_TABLE = "Coaching plans aren't available here: no coaching table is configured (CX_COACHING_TABLE)."


def _today(services: BotServices) -> date:
    return services.clock().astimezone(services.tz).date()


def _visible(services: BotServices, user_id: str, plan_id: str) -> CoachingPlan:
    assert services.plans is not None
    who = who_asks(services, user_id)
    plan = services.plans.get(plan_id)
    if plan is None or not may_see_plan(who, plan):
        raise Refused(f"I can't find a coaching plan `{plan_id}` that you may see.")
    return plan


def plans_reply(query: PlansQuery, services: BotServices, user_id: str) -> Reply:
    if services.plans is None:
        return problem(NO_PLANS_TABLE)
    today = _today(services)
    try:
        if query.action == "list":
            who = who_asks(services, user_id)
            mine = [p for p in services.plans.all_plans() if may_see_plan(who, p)]
            return Reply(f"{len(mine)} coaching plans", plans_blocks(mine, today))
        plan = _visible(services, user_id, query.plan_id or "")
        if query.action == "close":
            plan = close_plan(services, user_id, plan.id, query.note)
        own = plan.slack_user == user_id
        return Reply(plan_text(plan, today), plan_blocks(plan, today, tickable=own))
    except (Refused, LookupError) as exc:
        return problem(str(exc))


def close_plan(services: BotServices, user_id: str, plan_id: str, note: str | None) -> CoachingPlan:
    assert services.plans is not None
    plan = _visible(services, user_id, plan_id)
    if plan.status is PlanStatus.CLOSED:
        return plan
    text = f"Closed by {mention(user_id)} on {_today(services).isoformat()}" + (f": {esc(note)}" if note else ".")
    return services.plans.update(plan.id, lambda p: p.closed(text))


def tick_action(services: BotServices, user_id: str, plan_id: str, index: int) -> CoachingPlan:
    """Only the plan's own agent ticks their actions."""
    if services.plans is None:
        raise LookupError(NO_PLANS_TABLE)
    plan = services.plans.get(plan_id)
    if plan is None or plan.slack_user != user_id:
        raise Refused("Only the agent whose plan it is can tick its actions.")
    today = _today(services)
    return services.plans.update(plan_id, lambda p: p.with_action_done(index, today))
