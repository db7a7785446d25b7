"""Every listener kind registers itself on the app here."""

from __future__ import annotations

from slack_bolt import App

from cxbot.listeners import actions, commands, events, views
from cxbot.services import ServicesFor


def register(app: App, services: ServicesFor) -> None:
    commands.register(app, services)
    actions.register(app, services)
    views.register(app, services)
    events.register(app, services)
