"""EventBridge Scheduler, weekly -> the drift summary posted to the configured Slack channel."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.config import Settings
from cx.digest.health import DriftStatus
from cx.wiring import current_wiring
from cxbot.lambda_slack import slack_credentials
from cxbot.render.drift import drift_blocks, drift_text

logger = Logger()
metrics = Metrics(namespace="CxAnalytics")
# the channel and time zone as configured now (`cx config set drift_channel=…`), read on every run
wiring = current_wiring(Settings.from_env(), lambda: datetime.now(UTC), max_age=0)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    current = wiring.get()
    channel = current.settings.drift_channel  # as configured, else the DriftChannel deploy parameter
    if not channel:
        logger.warning("no drift channel configured: set one with `cx config set drift_channel=C…`")
        return {"alerts": [], "channel": None}
    now = datetime.now(UTC)
    report = current.drift_check(now)
    client = slack_credentials().client
    posted = client.chat_postMessage(channel=channel, text=drift_text(report), blocks=drift_blocks(report))
    if (status := current.drift_status) is not None:  # the digest's scorer health line reads the latest
        permalink = client.chat_getPermalink(channel=channel, message_ts=posted["ts"]).get("permalink")
        status.record(DriftStatus.of(report, now, permalink))
    metrics.add_metric("DriftAlerts", MetricUnit.Count, len(report.alerts))
    logger.info("drift summary posted", extra={"operation": "drift", "alerts": len(report.alerts)})
    return {"alerts": report.alerts, "channel": channel}
