from __future__ import annotations

import re

from slack_bolt import App

from cxbot.listeners.actions.digest_case import case_opener
from cxbot.listeners.actions.export_view import exporter
from cxbot.listeners.actions.navigate import acknowledge, navigator
from cxbot.listeners.actions.rate_evaluation import open_rating
from cxbot.render.digest import CASE_ACTION
from cxbot.render.nav import EXPORT_ACTION, NAV_ACTION
from cxbot.render.rate import ACTION_ID
from cxbot.services import BotServices


def register(app: App, services: BotServices) -> None:
    # views.open must use the trigger_id within 3 seconds: done before the ack returns, not lazily
    app.action(ACTION_ID)(open_rating)
    # Buttons carry the view they open; acknowledge at once, answer by replacing the message
    app.action(re.compile(f"^{NAV_ACTION}(:|$)"))(ack=acknowledge, lazy=[navigator(services)])
    app.action(EXPORT_ACTION)(ack=acknowledge, lazy=[exporter(services)])
    # a digest's case button answers the clicker only: the digest in the channel stays as it is
    app.action(CASE_ACTION)(ack=acknowledge, lazy=[case_opener(services)])
