"""What coaching needs from storage and from the messaging side (Slack adapters implement these)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from cx.coaching.plan import CoachingPlan


class PlanStore(Protocol):
    def add(self, plan: CoachingPlan) -> None: ...

    def get(self, plan_id: str) -> CoachingPlan | None: ...

    def all_plans(self) -> list[CoachingPlan]: ...

    def update(self, plan_id: str, change: Callable[[CoachingPlan], CoachingPlan]) -> CoachingPlan:
        """Read, change and write back under the plan's version (re-read and re-applied on a conflict)."""
        ...

    def claim(self, plan_id: str, what: str) -> bool:
        """Record ``what`` happened for the plan (e.g. ``dm#2026-11-18``) unless it already was: True the first time."""
        ...

    def release(self, plan_id: str, what: str) -> None: ...


class Messenger(Protocol):
    def is_active(self, user: str) -> bool:
        """False when the user left the workspace (deactivated)."""
        ...

    def send_progress(self, plan: CoachingPlan, today: date, contacts: int) -> None: ...

    def tell(self, user: str, text: str) -> None: ...


LeadsOf = Callable[[str | None], list[str]]  # team -> the Slack users who lead it
