"""The bot's services from the wiring (DynamoDB-backed reports, with the workspace configuration in force)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from cx.bootstrap import (
    build_label_store,
    build_plan_store,
    build_workspace_store,
    deploy_defaults,
    scorer_overview,
)
from cx.calibration.stored import stored_calibration
from cx.config import Settings, calibration_policy
from cx.wiring import Wiring
from cxbot.services import BotServices, WorkspaceAdmin


def services_of(wiring: Wiring) -> BotServices:
    settings, stores = wiring.settings, wiring.stores
    admin = None
    if settings.config_table:
        admin = WorkspaceAdmin(
            build_workspace_store(settings), deploy_defaults(wiring.deploy), partial(scorer_overview, settings)
        )
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
        clock=wiring.clock,
        calibration=calibration,
        labels=labels,
        cases=stores.conversations,
        roles=stores.roles,
        journey_aliases=wiring.workspace.aliases(),
        workspace=admin,
        performance=stores.aggregates,
        plans=build_plan_store(settings) if settings.coaching_table else None,
        digest=wiring.digest.make,
        homes=stores.homes,
    )


def build_services(settings: Settings, clock: Callable[[], datetime]) -> BotServices:
    """Services for the bot, with the workspace configuration in force (stored on first use when there is none)."""
    return services_of(Wiring(settings, clock, create=True))
