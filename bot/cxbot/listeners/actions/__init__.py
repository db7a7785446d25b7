from __future__ import annotations

from slack_bolt import App

from cxbot.listeners.actions.rate_evaluation import open_rating
from cxbot.render.rate import ACTION_ID
from cxbot.services import BotServices


def register(app: App, services: BotServices) -> None:
    # views.open must use the trigger_id within 3 seconds: done before the ack returns, not lazily
    app.action(ACTION_ID)(open_rating)
