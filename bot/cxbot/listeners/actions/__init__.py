from __future__ import annotations

import re

from slack_bolt import App

from cxbot.listeners.actions.coaching_start import wizard_opener
from cxbot.listeners.actions.digest_case import case_opener
from cxbot.listeners.actions.export_view import exporter
from cxbot.listeners.actions.home_why import home_why
from cxbot.listeners.actions.navigate import acknowledge, navigator
from cxbot.listeners.actions.plan_buttons import acknowledge as acknowledge_plan
from cxbot.listeners.actions.plan_buttons import action_ticker, plan_closer, plan_viewer
from cxbot.listeners.actions.rate_evaluation import rating_opener
from cxbot.listeners.actions.why import WHY_ACTION, why_clicked
from cxbot.render.digest import CASE_ACTION
from cxbot.render.home import HOME_WHY_ACTION
from cxbot.render.nav import EXPORT_ACTION, NAV_ACTION
from cxbot.render.performance import START_PLAN_ACTION
from cxbot.render.plan import CLOSE_ACTION, DONE_ACTION, VIEW_ACTION
from cxbot.render.rate import ACTION_ID
from cxbot.services import ServicesFor


def register(app: App, services: ServicesFor) -> None:
    # views.open must use the trigger_id within 3 seconds: done before the ack returns, not lazily
    app.action(ACTION_ID)(rating_opener(services))
    # Buttons carry the view they open; acknowledge at once, answer by replacing the message
    app.action(re.compile(f"^{NAV_ACTION}(:|$)"))(ack=acknowledge, lazy=[navigator(services)])
    app.action(EXPORT_ACTION)(ack=acknowledge, lazy=[exporter(services)])
    # coaching: the wizard opens at once (trigger id); plan buttons answer lazily through response_url
    app.action(re.compile(f"^{START_PLAN_ACTION}:"))(wizard_opener())
    app.action(re.compile(f"^{DONE_ACTION}:"))(ack=acknowledge_plan, lazy=[action_ticker(services)])
    app.action(VIEW_ACTION)(ack=acknowledge_plan, lazy=[plan_viewer(services)])
    app.action(CLOSE_ACTION)(ack=acknowledge_plan, lazy=[plan_closer(services)])
    app.action(WHY_ACTION)(ack=acknowledge, lazy=[why_clicked(services)])
    app.action(re.compile(f"^{HOME_WHY_ACTION}:"))(ack=acknowledge, lazy=[home_why(services)])
    # a digest's case button answers the clicker only: the digest in the channel stays as it is
    app.action(CASE_ACTION)(ack=acknowledge, lazy=[case_opener(services)])
