from __future__ import annotations

from slack_bolt import App

from cxbot.listeners.commands.cx_command import acknowledge, answerer
from cxbot.services import ServicesFor


def register(app: App, services: ServicesFor) -> None:
    # Acknowledge at once; the answer is a lazy listener (a re-invocation on Lambda, a thread locally)
    app.command("/cx")(ack=acknowledge, lazy=[answerer(services)])
