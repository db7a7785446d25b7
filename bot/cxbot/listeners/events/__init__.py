from __future__ import annotations

from slack_bolt import App

from cxbot.listeners.events.home_opened import acknowledge, home_publisher
from cxbot.services import ServicesFor


def register(app: App, services: ServicesFor) -> None:
    # acknowledge at once (Slack retries events not acknowledged in 3 s); publish lazily
    app.event("app_home_opened")(ack=acknowledge, lazy=[home_publisher(services)])
