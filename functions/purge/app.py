"""EventBridge Scheduler, daily -> delete the data of each workspace that uninstalled the app a retention ago.

The schedule is written by the Slack function on ``app_uninstalled`` and cancelled by a reinstall
(cx.workspace_purge); every table's items with the workspace's ``ws=<id>|`` key prefix are deleted, then the
schedule is forgotten, so a run that times out is finished by the next one.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.adapters.dynamo.installations import InstalledWorkspaces, build_installation_model
from cx.adapters.dynamo.workspace_purge import DynamoPurgeSchedule, DynamoWorkspaceEraser
from cx.adapters.powertools import function_tools
from cx.config import Settings
from cx.workspace_purge import purge_due

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
settings = Settings.from_env()
installations = build_installation_model(
    os.environ["CX_INSTALLATIONS_TABLE"], settings.region, settings.dynamodb_endpoint
)
tables = [
    settings.conversations_table,
    settings.evaluations_table,
    settings.aggregates_table,
    *(t for t in (settings.labels_table, settings.config_table, settings.coaching_table) if t),
    *([os.environ["CX_HELPDESK_TABLE"]] if os.environ.get("CX_HELPDESK_TABLE") else []),
]
eraser = DynamoWorkspaceEraser(tables, settings.region, settings.dynamodb_endpoint)


def _now(event: dict[str, Any]) -> datetime:
    """The schedule's own time (the same on every retry of one run), else the clock."""
    scheduled = event.get("scheduled_time")
    return datetime.fromisoformat(scheduled.replace("Z", "+00:00")) if scheduled else datetime.now(UTC)


@tools.handler()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    workspaces = InstalledWorkspaces(installations)
    installed = lambda: [w.workspace for w in workspaces.all()]  # noqa: E731
    purged = purge_due(DynamoPurgeSchedule(installations), eraser, installed, _now(event))
    for done in purged:
        logger.info(
            "workspace data deleted",
            extra={"operation": "workspace_purge", "workspace": done.workspace, "deleted": done.deleted},
        )
    metrics.add_metric("WorkspacesPurged", MetricUnit.Count, len(purged))
    return {"purged": [{"workspace": p.workspace, "deleted": p.deleted} for p in purged]}
