"""EventBridge Scheduler, daily -> each agent with an active coaching plan gets a progress DM; leads hear of
achieved and overdue plans; plans of deactivated agents are closed. A retry sends nothing twice for a day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.adapters.powertools import function_tools
from cx.config import Settings
from cx.wiring import current_wiring
from cxbot.coaching.slack_messenger import SlackMessenger
from cxbot.lambda_slack import slack_credentials

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
# days counted in the time zone as configured now (`cx config set timezone=…`), read on every run
wiring = current_wiring(Settings.from_env(), lambda: datetime.now(UTC), max_age=0)


@tools.handler()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    # {"day": "YYYY-MM-DD"} re-runs a given day; the schedule sends nothing, meaning today in the workspace
    current = wiring.get()
    today = date.fromisoformat(event["day"]) if event.get("day") else current.today()
    report = current.coaching_run(SlackMessenger(slack_credentials().client), today)
    metrics.add_metric("CoachingDMsSent", MetricUnit.Count, len(report.sent))
    summary = {"day": today.isoformat(), "sent": report.sent, "already_sent": report.already_sent,
               "closed": report.closed, "leads_told": report.leads_told, "failed": report.failed}  # fmt: skip
    logger.info("coaching DMs", extra={"operation": "coaching_daily", **summary})
    if report.failed:  # the schedule's retry sends only what failed: the others are claimed for the day
        raise RuntimeError(f"progress DMs failed for plans {', '.join(report.failed)}")
    return summary
