"""EventBridge Scheduler, weekly -> the drift summary posted to the configured Slack channel."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.bootstrap import build_drift_check, build_drift_status, deploy_defaults, workspace_config
from cx.config import Settings
from cx.digest.health import DriftStatus
from cxbot.lambda_slack import slack_credentials
from cxbot.render.drift import drift_blocks, drift_text

logger = Logger()
metrics = Metrics(namespace="CxAnalytics")
settings = Settings.from_env()
check = build_drift_check(settings)
status = build_drift_status(settings)  # the digest's scorer health line reads the latest one


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    # the channel as configured now (`cx config set drift_channel=…`), else the DriftChannel deploy parameter
    workspace = workspace_config(settings, lambda: datetime.now(UTC)) or deploy_defaults(settings)
    channel, why = workspace.drift_destination(settings.drift_channel)
    if not channel:
        logger.warning("no drift summary posted", extra={"operation": "drift", "reason": why})
        return {"alerts": [], "channel": None, "reason": why}
    now = datetime.now(UTC)
    report = check(now)
    client = slack_credentials().client
    blocks = drift_blocks(report, f"<#{channel}> ({why})")
    posted = client.chat_postMessage(channel=channel, text=drift_text(report), blocks=blocks)
    if status is not None:
        permalink = client.chat_getPermalink(channel=channel, message_ts=posted["ts"]).get("permalink")
        status.record(DriftStatus.of(report, now, permalink))
    metrics.add_metric("DriftAlerts", MetricUnit.Count, len(report.alerts))
    logger.info("drift summary posted", extra={"operation": "drift", "alerts": len(report.alerts)})
    return {"alerts": report.alerts, "channel": channel}
