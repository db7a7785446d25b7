from __future__ import annotations

import re

from slack_bolt import App

from cxbot.listeners.actions.export_view import exporter
from cxbot.listeners.actions.navigate import acknowledge, navigator
from cxbot.render.nav import EXPORT_ACTION, NAV_ACTION
from cxbot.services import BotServices


def register(app: App, services: BotServices) -> None:
    # Buttons carry the view they open; acknowledge at once, answer by replacing the message
    app.action(re.compile(f"^{NAV_ACTION}(:|$)"))(ack=acknowledge, lazy=[navigator(services)])
    app.action(EXPORT_ACTION)(ack=acknowledge, lazy=[exporter(services)])
