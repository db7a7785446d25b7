"""Build the bot's services from settings (DynamoDB-backed reports)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from cx.bootstrap import build_stores
from cx.config import Settings
from cxbot.services import BotServices


def build_services(settings: Settings, clock: Callable[[], datetime]) -> BotServices:
    stores = build_stores(settings)
    return BotServices(
        reports=stores.aggregates,
        tz=settings.timezone,
        pass_threshold=settings.pass_threshold,
        clock=clock,
        cases=stores.conversations,
        roles=stores.roles,
    )
