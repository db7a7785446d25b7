"""The installable app: Bolt's OAuth flow over the DynamoDB stores, and each request's workspace's services."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from slack_bolt import App, BoltContext
from slack_bolt.oauth.oauth_settings import OAuthSettings

from cx.adapters.dynamo.installations import workspace_of
from cx.config import Settings
from cx.wiring import Current, Wiring, config_version
from cxbot.app import build_installable_app
from cxbot.bootstrap import services_of
from cxbot.lambda_slack import SlackSecret, api_client, installation_store
from cxbot.oauth.state_store import DynamoOAuthStateStore
from cxbot.services import BotServices, ServicesFor

# The bot scopes "Add to Slack" asks for: the same as infra/slack-manifest.yaml (a test holds them equal).
BOT_SCOPES = ("commands", "chat:write", "files:write", "im:write", "channels:history", "groups:history", "users:read")
STATE_SECONDS = 600  # an install page's state is good for ten minutes


def services_per_workspace(build: Callable[[str], BotServices], settings: Settings) -> ServicesFor:
    """The services of the request's workspace, built on its first request and again when its stored
    configuration changes (read at most once a minute, as for one workspace)."""
    built: dict[str, Current[BotServices]] = {}
    lock = threading.Lock()

    def services_for(context: BoltContext) -> BotServices:
        workspace = workspace_of(context.enterprise_id, context.team_id, context.is_enterprise_install)
        with lock:
            current = built.get(workspace)
            if current is None:
                scoped = replace(settings, workspace=workspace)
                current = built[workspace] = Current(lambda: build(workspace), config_version(scoped))
        return current.get()

    return services_for


def installable_app(
    settings: Settings, secret: SlackSecret, clock: Callable[[], datetime], finish: Callable[[BotServices], BotServices]
) -> App:
    """ "Add to Slack" at /slack/install, the redirect at /slack/oauth_redirect, and every request answered in
    its own workspace with its own token; ``finish`` adds what the process adds to services (telemetry)."""
    store = installation_store(settings)
    oauth = OAuthSettings(
        client_id=secret.client_id,
        client_secret=secret.client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=store,
        state_store=DynamoOAuthStateStore(store.model, STATE_SECONDS),
        state_expiration_seconds=STATE_SECONDS,
    )

    def build(workspace: str) -> BotServices:
        return finish(services_of(Wiring(replace(settings, workspace=workspace), clock, create=True)))

    return build_installable_app(services_per_workspace(build, settings), secret.signing_secret, oauth, api_client())
