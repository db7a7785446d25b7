"""The Bolt app: the same object answers on Lambda, in Socket Mode, in the CLI and in tests."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from cxbot import listeners
from cxbot.services import BotServices


def build_app(services: BotServices, signing_secret: str, client: WebClient) -> App:
    app = App(
        signing_secret=signing_secret,
        client=client,
        process_before_response=True,  # required on Lambda; lazy listeners carry the slow work
        token_verification_enabled=False,
    )
    listeners.register(app, services)
    return app
