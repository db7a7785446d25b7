"""EventBridge Scheduler, weekly -> the drift summary posted to the configured Slack channel."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.adapters.powertools import function_tools
from cx.config import Settings
from cx.digest.health import DriftStatus
from cx.wiring import current_wiring
from cxbot.lambda_slack import slack_credentials
from cxbot.render.drift import drift_blocks, drift_text

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
# the channel and time zone as configured now (`cx config set drift_channel=…`), read on every run
wiring = current_wiring(Settings.from_env(), lambda: datetime.now(UTC), max_age=0)


@tools.handler()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    current = wiring.get()
    # as configured, else the DriftChannel deploy parameter; the post and the log say which
    channel, why = current.workspace.drift_destination(current.deploy.drift_channel)
    if not channel:
        logger.warning("no drift summary posted", extra={"operation": "drift", "reason": why})
        return {"alerts": [], "channel": None, "reason": why}
    now = datetime.now(UTC)
    report = current.drift_check(now)
    client = slack_credentials().client
    blocks = drift_blocks(report, f"<#{channel}> ({why})")
    posted = client.chat_postMessage(channel=channel, text=drift_text(report), blocks=blocks)
    if (status := current.drift_status) is not None:  # the digest's scorer health line reads the latest
        permalink = client.chat_getPermalink(channel=channel, message_ts=posted["ts"]).get("permalink")
        status.record(DriftStatus.of(report, now, permalink))
    metrics.add_metric("DriftAlerts", MetricUnit.Count, len(report.alerts))
    logger.info("drift summary posted", extra={"operation": "drift", "alerts": len(report.alerts)})
    return {"alerts": report.alerts, "channel": channel}
