"""EventBridge Scheduler, weekly -> the drift summary posted to the configured Slack channel."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from slack_sdk import WebClient

from cx.adapters.powertools import function_tools
from cx.config import Settings
from cx.digest.health import DriftStatus
from cx.wiring import PerWorkspace, Wiring, current_wiring, one_or_each
from cxbot.lambda_slack import workspace_clients
from cxbot.render.drift import drift_blocks, drift_text

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
# the channel and time zone as configured now (`cx config set drift_channel=…`), read on every run; per workspace
settings = Settings.from_env()
wirings = PerWorkspace(lambda scoped: current_wiring(scoped, lambda: datetime.now(UTC), max_age=0))
wiring = wirings.of(settings)  # the single workspace's


@tools.handler()
def handler(event: dict[str, Any], context: LambdaContext) -> Any:
    """Each installed workspace's drift, posted in its own channel with its own token."""
    return one_or_each({s.workspace: _check(wirings.of(s).get(), client) for s, client in workspace_clients(settings)})


def _check(current: Wiring, client: WebClient) -> dict[str, Any]:
    # as configured, else the DriftChannel deploy parameter; the post and the log say which
    channel, why = current.workspace.drift_destination(current.deploy.drift_channel)
    if not channel:
        logger.warning("no drift summary posted", extra={"operation": "drift", "reason": why})
        return {"alerts": [], "channel": None, "reason": why}
    now = datetime.now(UTC)
    report = current.drift_check(now)
    blocks = drift_blocks(report, f"<#{channel}> ({why})")
    posted = client.chat_postMessage(channel=channel, text=drift_text(report), blocks=blocks)
    if (status := current.drift_status) is not None:  # the digest's scorer health line reads the latest
        permalink = client.chat_getPermalink(channel=channel, message_ts=posted["ts"]).get("permalink")
        status.record(DriftStatus.of(report, now, permalink))
    metrics.add_metric("DriftAlerts", MetricUnit.Count, len(report.alerts))
    logger.info("drift summary posted", extra={"operation": "drift", "alerts": len(report.alerts)})
    return {"alerts": report.alerts, "channel": channel}
