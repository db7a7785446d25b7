"""EventBridge Scheduler, daily -> each agent with an active coaching plan gets a progress DM; leads hear of
achieved and overdue plans; plans of deactivated agents are closed. A retry sends nothing twice for a day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from slack_sdk import WebClient

from cx.adapters.powertools import function_tools
from cx.config import Settings
from cx.wiring import PerWorkspace, Wiring, current_wiring, one_or_each
from cxbot.coaching.slack_messenger import SlackMessenger
from cxbot.lambda_slack import workspace_clients

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
# days counted in the time zone as configured now (`cx config set timezone=…`), read on every run; per workspace
settings = Settings.from_env()
wirings = PerWorkspace(lambda scoped: current_wiring(scoped, lambda: datetime.now(UTC), max_age=0))
wiring = wirings.of(settings)  # the single workspace's


@tools.handler()
def handler(event: dict[str, Any], context: LambdaContext) -> Any:
    """Each installed workspace's plans, DMed with its own token; one workspace's failure does not stop the next."""
    results, failed = {}, []
    for scoped, client in workspace_clients(settings):
        results[scoped.workspace], missed = _run(wirings.of(scoped).get(), client, event)
        failed += missed
    if failed:  # the schedule's retry sends only what failed: the others are claimed for the day
        raise RuntimeError(f"progress DMs failed for plans {', '.join(failed)}")
    return one_or_each(results)


def _run(current: Wiring, client: WebClient, event: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    # {"day": "YYYY-MM-DD"} re-runs a given day; the schedule sends nothing, meaning today in the workspace
    today = date.fromisoformat(event["day"]) if event.get("day") else current.today()
    report = current.coaching_run(SlackMessenger(client), today)
    metrics.add_metric("CoachingDMsSent", MetricUnit.Count, len(report.sent))
    summary = {"day": today.isoformat(), "sent": report.sent, "already_sent": report.already_sent,
               "closed": report.closed, "leads_told": report.leads_told, "failed": report.failed}  # fmt: skip
    logger.info(
        "coaching DMs", extra={"operation": "coaching_daily", "workspace": current.settings.workspace, **summary}
    )
    return summary, list(report.failed)
