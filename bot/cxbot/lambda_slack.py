"""The Slack side of the Lambda functions: the Web API client and signing secret from the Slack secret.

The secret is read through Powertools parameters, cached for five minutes, so a rotated token is picked up
without a redeploy. It is either ``{"signing_secret": …, "bot_token": …}`` (one workspace, as ever) or
``{"signing_secret": …, "client_id": …, "client_secret": …}``: workspaces install the app through Slack's OAuth
flow and each one's bot token is in the installations table (CX_INSTALLATIONS_TABLE). CX_SLACK_API_URL points
the client at another Slack API base (GovSlack, or the local fake Slack in tests).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from aws_lambda_powertools.utilities import parameters
from slack_sdk import WebClient

from cx.config import Settings
from cxbot.slack_client import slack_client

if TYPE_CHECKING:
    from cxbot.oauth.installation_store import DynamoInstallationStore

MAX_AGE = 300  # seconds a read secret is kept before Secrets Manager is asked again
SHAPES = (
    '{"signing_secret": "…", "bot_token": "xoxb-…"} for one workspace, or '
    '{"signing_secret": "…", "client_id": "…", "client_secret": "…"} for "Add to Slack"'
)


@dataclass(frozen=True)
class SlackSecret:
    signing_secret: str
    bot_token: str | None = None
    client_id: str | None = None  # set: workspaces install the app (OAuth), each with its own token
    client_secret: str | None = None

    @property
    def installable(self) -> bool:
        return self.client_id is not None


@dataclass(frozen=True)
class SlackCredentials:
    client: WebClient
    signing_secret: str


def slack_secret() -> SlackSecret:
    """The Slack secret as stored now, at most five minutes old."""
    secret = parameters.get_secret(os.environ["CX_SLACK_SECRET_ARN"], transform="json", max_age=MAX_AGE)
    if not isinstance(secret, dict) or not secret.get("signing_secret"):
        raise ValueError(f"the Slack secret needs a JSON value {SHAPES}")
    values = {k: str(secret[k]) if secret.get(k) else None for k in ("bot_token", "client_id", "client_secret")}
    if values["client_id"] and not values["client_secret"]:
        raise ValueError(f"the Slack secret has a client_id but no client_secret: {SHAPES}")
    if not values["client_id"] and not values["bot_token"]:
        raise ValueError(f"the Slack secret has neither a bot_token nor a client_id: {SHAPES}")
    return SlackSecret(str(secret["signing_secret"]), values["bot_token"], values["client_id"], values["client_secret"])


def api_client(token: str | None = None) -> WebClient:
    """A workspace's client (waits out Slack's 429s); without a token, the installable app's base client,
    to which Bolt gives each request's installation token."""
    base_url = os.environ.get("CX_SLACK_API_URL", WebClient.BASE_URL)
    return slack_client(token, base_url=base_url)


def slack_credentials() -> SlackCredentials:
    """The single workspace's client (the bot token in the secret)."""
    secret = slack_secret()
    if secret.bot_token is None:
        raise ValueError("the Slack secret has a client_id: each workspace's token is in the installations table")
    return SlackCredentials(api_client(secret.bot_token), secret.signing_secret)


def installation_store(settings: Settings) -> DynamoInstallationStore:
    """Imported here: a single-workspace deploy never loads slack_sdk's OAuth modules."""
    from cx.adapters.dynamo.installations import build_installation_model
    from cxbot.oauth.installation_store import DynamoInstallationStore

    table = os.environ.get("CX_INSTALLATIONS_TABLE")
    if not table:
        raise ValueError("set CX_INSTALLATIONS_TABLE (the installations table; template.yaml sets it on AWS)")
    model = build_installation_model(table, settings.region, settings.dynamodb_endpoint)
    return DynamoInstallationStore(model, retention=uninstall_retention())


def uninstall_retention() -> timedelta:
    """CX_UNINSTALL_RETENTION_DAYS (template parameter UninstallRetentionDays, default 30): how long an uninstalled
    workspace's data is kept before the purge run deletes it; 0 deletes it at the next run."""
    days = os.environ.get("CX_UNINSTALL_RETENTION_DAYS", "30")
    if not days.isdigit():
        raise ValueError(f"CX_UNINSTALL_RETENTION_DAYS={days!r}: the days an uninstalled workspace's data is kept")
    return timedelta(days=int(days))


def workspace_client(settings: Settings) -> WebClient | None:
    """The client of ``settings.workspace``: the one workspace's (no namespace), or that installed workspace's
    with its own bot token; None when it is not installed (uninstalled, or never) or has no bot token."""
    secret = slack_secret()
    if not secret.installable:
        return None if settings.workspace else slack_credentials().client
    store = installation_store(settings)
    for installed in store.workspaces.all():
        if installed.workspace == settings.workspace:
            token = store.bot_token(installed)
            return api_client(token) if token else None
    return None


def workspace_clients(settings: Settings) -> list[tuple[Settings, WebClient]]:
    """Each workspace's settings and client: the one workspace (its keys without a namespace), or every
    installed workspace with its own token; a scheduled function runs once for each."""
    secret = slack_secret()
    if not secret.installable:
        return [(settings, slack_credentials().client)]
    store = installation_store(settings)
    out = []
    for installed in store.workspaces.all():
        token = store.bot_token(installed)
        if token:
            out.append((replace(settings, workspace=installed.workspace), api_client(token)))
    return out
