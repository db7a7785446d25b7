"""Coaching plans on the shared Slack demo tables: a test that makes plans leaves none for the next module."""

from __future__ import annotations

from cx.bootstrap import build_plan_store
from cx.config import Settings


def clear_plans(settings: Settings) -> None:
    """Delete every coaching plan in the settings' coaching table."""
    store = build_plan_store(settings)
    for plan in store.all_plans():
        store._m("plan", plan.id).delete()
