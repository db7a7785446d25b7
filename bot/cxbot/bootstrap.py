"""Build the bot's services from settings (DynamoDB-backed reports)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from cx.bootstrap import (
    build_digest_wiring,
    build_label_store,
    build_plan_store,
    build_stores,
    build_workspace_store,
    deploy_defaults,
    scorer_overview,
    with_workspace,
    workspace_config,
)
from cx.calibration.stored import stored_calibration
from cx.config import Settings, calibration_policy
from cxbot.services import BotServices, WorkspaceAdmin


def build_services(settings: Settings, clock: Callable[[], datetime]) -> BotServices:
    """Services for the bot, with the workspace configuration in force (stored on first use when there is none)."""
    workspace = workspace_config(settings, clock, create=True)
    admin = None
    if workspace is not None:
        admin = WorkspaceAdmin(
            build_workspace_store(settings), deploy_defaults(settings), partial(scorer_overview, settings)
        )
        settings = with_workspace(settings, workspace)
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
        journey_aliases=workspace.aliases() if workspace else {},
        workspace=admin,
        performance=stores.aggregates,
        plans=build_plan_store(settings) if settings.coaching_table else None,
        digest=build_digest_wiring(settings).make,
    )
