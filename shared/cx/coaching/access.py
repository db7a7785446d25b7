"""Who may see and close a coaching plan: its agent, the leads of its team, managers."""

from __future__ import annotations

from cx.access import Viewer
from cx.coaching.plan import CoachingPlan


def may_see_plan(who: Viewer, plan: CoachingPlan) -> bool:
    if who.role == "manager":
        return True
    if who.role == "lead":
        return plan.team in who.teams
    return plan.agent_id == who.agent_id
