"""API Gateway -> the Bolt app. Acknowledges at once; lazy listeners answer through response_url.

With a client_id in the Slack secret the app is installable ("Add to Slack" at GET /slack/install, the
redirect at GET /slack/oauth_redirect) and answers each workspace with its own token and data; without one it
serves the one workspace of the bot token, as before.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from slack_bolt.adapter.aws_lambda import SlackRequestHandler
from slack_bolt.adapter.aws_lambda.lazy_listener_runner import LambdaLazyListenerRunner

from cx.adapters.powertools import function_tools
from cx.config import Settings
from cx.wiring import Current, Wiring, config_version
from cxbot.app import build_app
from cxbot.bootstrap import services_of
from cxbot.lambda_slack import slack_credentials, slack_secret
from cxbot.services import BotServices

tools = function_tools(traced=False)
logger, metrics = tools.logger, tools.metrics
lambda_client: Any = None  # what lazy answers re-invoke the function with (None: boto3's); tests run them here


class PowertoolsTelemetry:
    """The bot's business metrics (commands answered, failed, latency) as CloudWatch EMF metrics."""

    def record(self, name: str, value: float, unit: str) -> None:
        metrics.add_metric(name=name, unit=MetricUnit[unit], value=value)


settings = Settings.from_env()
version = config_version(settings)


def _measured(services: BotServices) -> BotServices:
    return replace(services, telemetry=PowertoolsTelemetry())


def _slack_handler() -> SlackRequestHandler:
    secret, clock = slack_secret(), lambda: datetime.now(UTC)
    if secret.installable:
        from cxbot.oauth.install import installable_app  # Bolt's OAuth flow: only where workspaces install

        app = installable_app(settings, secret, clock, _measured)
    else:
        credentials = slack_credentials()
        services = _measured(services_of(Wiring(settings, clock, create=True)))
        app = build_app(services, credentials.signing_secret, credentials.client)
    handler = SlackRequestHandler(app)
    if lambda_client is not None:
        handler.app.listener_runner.lazy_listener_runner = LambdaLazyListenerRunner(handler.logger, lambda_client)
    return handler


# built again when `cx config` or `/cx admin` changed the configuration (checked each minute) or the Slack
# secret was rotated (read through Powertools' five-minute cache)
slack = Current(_slack_handler, lambda: (version(), slack_secret()))


@tools.handler(
    correlation_id_path="requestContext.requestId"
)  # flushes what this invocation recorded (the lazy answer runs in its own invocation)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response: dict[str, Any] = slack.get().handle(event, context)
    return response
