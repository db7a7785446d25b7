"""EventBridge Scheduler, hourly -> every digest subscription that is due, posted once to its Slack channel."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.adapters.powertools import function_tools
from cx.config import Settings
from cx.wiring import PerWorkspace, current_wiring
from cxbot.digest_post import post_due
from cxbot.lambda_slack import workspace_clients

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
# the pass threshold and time zone as configured now (`cx config set …`), read on every run; one per workspace
settings = Settings.from_env()
wirings = PerWorkspace(lambda scoped: current_wiring(scoped, lambda: datetime.now(UTC), max_age=0))
wiring = wirings.of(settings)  # the single workspace's


def _now(event: dict[str, Any]) -> datetime:
    """The schedule's own time (the same on every retry of one tick), else the clock."""
    scheduled = event.get("scheduled_time")
    return datetime.fromisoformat(scheduled.replace("Z", "+00:00")) if scheduled else datetime.now(UTC)


@tools.handler()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    now, deliveries = _now(event), []
    for scoped, client in workspace_clients(settings):  # each installed workspace with its own token
        deliveries += post_due(wirings.of(scoped).get().digest, client, now)
    missed = [d for d in deliveries if not d.posted]
    metrics.add_metric("DigestPosted", MetricUnit.Count, len(deliveries) - len(missed))
    metrics.add_metric("DigestNotPosted", MetricUnit.Count, len(missed))
    logger.info("digest tick", extra={"operation": "digest", "due": len(deliveries), "missed": len(missed)})
    return {"deliveries": [d.__dict__ for d in deliveries]}
