"""Build the bot's services from settings (DynamoDB-backed reports)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from cx.bootstrap import build_digest_wiring, build_label_store, build_stores
from cx.calibration.stored import stored_calibration
from cx.config import Settings, calibration_policy
from cxbot.services import BotServices


def build_services(settings: Settings, clock: Callable[[], datetime]) -> BotServices:
    stores = build_stores(settings)
    calibration, labels = None, None
    if settings.labels_table:
        labels = build_label_store(settings)
        calibration = partial(
            stored_calibration, labels, stores.conversations, stores.evaluations, calibration_policy()
        )
    return BotServices(
        reports=stores.aggregates,
        tz=settings.timezone,
        pass_threshold=settings.pass_threshold,
        clock=clock,
        calibration=calibration,
        labels=labels,
        cases=stores.conversations,
        roles=stores.roles,
        digest=build_digest_wiring(settings).make,
    )
