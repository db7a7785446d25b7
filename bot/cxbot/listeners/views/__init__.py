from __future__ import annotations

from slack_bolt import App

from cxbot.listeners.views.coaching_submitted import wizard_step
from cxbot.listeners.views.rating_submitted import store_rating
from cxbot.render.coaching_wizard import CALLBACK_ID as COACHING_CALLBACK_ID
from cxbot.render.rate import CALLBACK_ID
from cxbot.services import ServicesFor


def register(app: App, services: ServicesFor) -> None:
    app.view(CALLBACK_ID)(store_rating(services))
    app.view(COACHING_CALLBACK_ID)(wizard_step(services))
