from __future__ import annotations

from slack_bolt import App

from cxbot.listeners.views.rating_submitted import store_rating
from cxbot.render.rate import CALLBACK_ID
from cxbot.services import BotServices


def register(app: App, services: BotServices) -> None:
    app.view(CALLBACK_ID)(store_rating(services))
