"""API Gateway -> the Bolt app. Acknowledges at once; lazy listeners answer through response_url."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from slack_bolt.adapter.aws_lambda import SlackRequestHandler

from cx.bootstrap import workspace_version
from cx.config import Settings
from cx.refreshing import Refreshing
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxbot.lambda_slack import slack_credentials

logger = Logger()
metrics = Metrics(namespace="CxAnalytics")


class PowertoolsTelemetry:
    """The bot's business metrics (commands answered, failed, latency) as CloudWatch EMF metrics."""

    def record(self, name: str, value: float, unit: str) -> None:
        metrics.add_metric(name=name, unit=MetricUnit[unit], value=value)


settings = Settings.from_env()


def _slack_handler() -> SlackRequestHandler:
    credentials = slack_credentials()
    services = replace(build_services(settings, clock=lambda: datetime.now(UTC)), telemetry=PowertoolsTelemetry())
    app = build_app(services, credentials.signing_secret, credentials.client)
    return SlackRequestHandler(app)


slack = _slack_handler()
# rebuilt when `cx config` or `/cx admin` changed the workspace configuration, checked each minute
config_version = Refreshing(lambda: workspace_version(settings))
built_for = config_version.get()


@logger.inject_lambda_context(correlation_id_path="requestContext.requestId")
@metrics.log_metrics  # flushes what this invocation recorded (the lazy answer runs in its own invocation)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    global slack, built_for
    if (version := config_version.get()) != built_for:
        slack, built_for = _slack_handler(), version
        logger.info("workspace configuration changed; app rebuilt", extra={"version": version})
    response: dict[str, Any] = slack.handle(event, context)
    return response
