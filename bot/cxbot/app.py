"""The Bolt app: the same object answers on Lambda, in Socket Mode, in the CLI and in tests.

``build_app`` is the single-workspace app (one bot token, as ever); ``build_installable_app`` the app that
workspaces install through Slack's OAuth flow, each request answered with its workspace's token and services.
"""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient

from cxbot import listeners
from cxbot.services import BotServices, ServicesFor, always


def build_app(services: BotServices, signing_secret: str, client: WebClient) -> App:
    app = App(
        signing_secret=signing_secret,
        client=client,
        process_before_response=True,  # required on Lambda; lazy listeners carry the slow work
        token_verification_enabled=False,
    )
    listeners.register(app, always(services))
    return app


def build_installable_app(
    services_for: ServicesFor, signing_secret: str, oauth: OAuthSettings, client: WebClient
) -> App:
    """ "Add to Slack" at ``oauth.install_path``, the redirect at ``oauth.redirect_uri_path``; ``client`` only
    sets the API base (its token is the installation's, found per request by the installation store)."""
    app = App(
        signing_secret=signing_secret,
        client=client,
        oauth_settings=oauth,
        process_before_response=True,
    )
    listeners.register(app, services_for)
    app.enable_token_revocation_listeners()  # app_uninstalled, tokens_revoked: the installation store forgets
    return app
