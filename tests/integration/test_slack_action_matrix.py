"""Every button action and modal submission the Bolt app registers, against every role, through the real app.

The listeners are read from the registration code itself (a recorder stands in for the app), so a new
button or modal without a row here fails the first test. Each row says who may use it on a case of one
agent's team; everyone else is refused with no data (no modal opened, no figures, nothing stored).
Slash commands have their matrix in tests/unit/bot/test_command_table.py (from the command table).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from support.demo_people import DEMO_AGENT, SLACK_DEMO_NOW

from cx.access import Roles
from cx.bootstrap import build_label_store, build_stores
from cx.config import Settings
from cxbot import listeners
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxbot.navigation import View
from cxlocal.fake_slack import TEAM_ID, FakeSlack
from cxlocal.slack_requests import block_action_body, interaction_body, signed_headers

SECRET = "test-signing-secret"
ROLES = ("manager", "lead of the team", "lead of another team", "agent", "agent of another team", "no role")
USERS = {
    "manager": "U0MANAGER",
    "lead of the team": "U0LEADTEAM",
    "lead of another team": "U0LEADOTHER",
    "agent": DEMO_AGENT,
    "agent of another team": "U0AGENTOTHER",
    "no role": "U0NOBODY",
}
SEES_THE_CASE = {"manager", "lead of the team", "agent"}
# covered where the plan and wizard fixtures live: plans are the agent's own, the wizard the clicker's own
ELSEWHERE = {
    "plan_action_done": "tests/integration/test_slack_coaching.py: only the plan's agent ticks its actions",
    "plan_view": "tests/integration/test_slack_coaching.py: plans seen by their agent, lead and managers",
    "plan_close": "tests/integration/test_slack_coaching.py",
    "coaching_start": "tests/integration/test_slack_coaching.py: the wizard builds the clicker's own plan",
    "coaching_plan": "tests/integration/test_slack_coaching.py: the wizard modal, refused without an agent role",
}


class Recorder:
    """Stands in for the App in ``listeners.register``: keeps each action and view constraint."""

    def __init__(self) -> None:
        self.actions: list[str] = []
        self.views: list[str] = []

    def _keep(self, into: list[str], constraint: str | re.Pattern[str]) -> Callable[..., Callable[..., None]]:
        into.append(constraint.pattern if isinstance(constraint, re.Pattern) else constraint)
        return lambda *args, **kwargs: lambda *a, **k: None

    def action(self, constraint: str | re.Pattern[str]) -> Callable[..., Any]:
        return self._keep(self.actions, constraint)

    def view(self, constraint: str | re.Pattern[str]) -> Callable[..., Any]:
        return self._keep(self.views, constraint)

    def command(self, constraint: str) -> Callable[..., Any]:
        return lambda *args, **kwargs: None

    def event(self, constraint: str) -> Callable[..., Any]:
        return lambda *args, **kwargs: None  # events are not buttons: the Home tab has its own role tests


def _name(constraint: str) -> str:
    """`^cx_nav(:|$)` -> cx_nav: the action id a constraint matches."""
    return re.sub(r"[\^$]|\(.*\)|:$", "", constraint)


@pytest.fixture(scope="module")
def registered() -> tuple[list[str], list[str]]:
    recorder = Recorder()
    listeners.register(recorder, None)  # type: ignore[arg-type]
    return [_name(a) for a in recorder.actions], [_name(v) for v in recorder.views]


@pytest.fixture
def world(slack_demo: tuple[Settings, dict[str, Any]]) -> Iterator[tuple[Settings, Any, Any]]:
    """The demo with the matrix's roles (restored after): a case of the demo agent, and its team."""
    demo, data = slack_demo
    labels = demo.conversations_table.removesuffix("-conversations") + "-labels"  # created with the demo's tables
    settings = replace(demo, labels_table=labels)
    conversation, evaluation = next((c, e) for c, e in data["pairs"] if c.agent_id == DEMO_AGENT and c.team)
    store = build_stores(settings).roles
    saved = store.get_roles()
    store.put_roles(
        Roles(
            managers=["U0MANAGER"],
            leads={"U0LEADTEAM": [conversation.team], "U0LEADOTHER": ["no-such-team"]},
            agents={DEMO_AGENT: DEMO_AGENT, "U0AGENTOTHER": "someone-else"},
        )
    )
    yield settings, conversation, evaluation
    if saved is not None:
        store.put_roles(saved)


def test_every_registered_button_and_modal_has_a_row_in_the_matrix(registered: tuple[list[str], list[str]]) -> None:
    actions, views = registered
    assert set(actions) | set(views) == set(ALLOWED) | set(ELSEWHERE)


def _case_view(conversation: Any) -> str:
    return View("case", range_text="last-30d", case_id=conversation.case_ref).encode()


def _press(action_id: str, value: str, user: str, slack: FakeSlack) -> str:
    return block_action_body(action_id, value, slack.response_url("act"), user, is_ephemeral=True)


def _submit_rating(conversation: Any, evaluation: Any, user: str, slack: FakeSlack) -> str:
    metadata = json.dumps({"conversation_id": conversation.id, "evaluation_id": evaluation.id})
    values = {
        "score": {"value": {"type": "static_select", "selected_option": {"value": "2"}}},
        "reason": {"value": {"type": "plain_text_input", "value": "matrix"}},
    }
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID},
        "user": {"id": user},
        "api_app_id": "A0CXAPP",
        "view": {"type": "modal", "id": "V1", "callback_id": "rate_evaluation", "private_metadata": metadata,
                 "state": {"values": values}},
    }  # fmt: skip
    return interaction_body(payload)


# who may use each (for the demo agent's case); the others are refused with no data
ALLOWED: dict[str, set[str]] = {
    "cx_nav": SEES_THE_CASE,
    "cx_export": SEES_THE_CASE,
    "cx_digest_case": SEES_THE_CASE,
    "cx_why": {"manager"},  # a breakdown by team and agent
    "cx_home_why": {"manager"},  # the Home tab's Why?: the same breakdown, answered in the clicker's DM
    "rate_evaluation": {"manager", "lead of the team"},  # the button and the modal: never one's own
}


def _requests(name: str, conversation: Any, evaluation: Any, user: str, slack: FakeSlack) -> list[str]:
    if name == "rate_evaluation":
        value = json.dumps({"conversation_id": conversation.id, "evaluation_id": evaluation.id})
        return [_press(name, value, user, slack), _submit_rating(conversation, evaluation, user, slack)]
    if name in ("cx_why", "cx_home_why"):
        action_id = name if name == "cx_why" else f"{name}:0"  # the Home tab numbers its Why? buttons
        return [_press(action_id, json.dumps({"journey": "all", "range": "last-7d"}), user, slack)]
    return [_press(name if name != "cx_nav" else "cx_nav:0", _case_view(conversation), user, slack)]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_each_button_and_modal_is_allowed_or_refused_with_no_data(
    world: tuple[Settings, Any, Any], name: str, role: str
) -> None:
    settings, conversation, evaluation = world
    user = USERS[role]
    labels_before = len(build_label_store(settings).labels_for(conversation.id))
    with FakeSlack() as slack:
        app = build_app(
            build_services(settings, clock=lambda: SLACK_DEMO_NOW), SECRET, WebClient(token="x", base_url=slack.api_url)
        )
        answers = []
        for body in _requests(name, conversation, evaluation, user, slack):
            response = app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET))))
            assert response.status == 200
            answers.append(response.body or "")
        if name == "rate_evaluation" and role in ALLOWED[name]:
            slack.wait_for("views.open")
        elif name == "cx_home_why":
            slack.wait_for("chat.postMessage")
        else:
            slack.wait_for("response_url")
        said = json.dumps([c.body for c in slack.calls if c.method != "auth.test"]) + json.dumps(answers)
    stored = len(build_label_store(settings).labels_for(conversation.id)) - labels_before

    if role in ALLOWED[name]:
        assert not re.search(r"can't|Sorry|only managers|don't have a CX", said), said[:300]
        if name == "rate_evaluation":
            assert stored == 1
    else:
        assert re.search(r"can't|Sorry|only managers|Only managers|don't have a CX|not one you may", said), said[:300]
        assert conversation.case_ref not in said.replace(f"`{conversation.case_ref}`", ""), "no data of the case"
        assert "views.open" not in said and stored == 0 and "CX score" not in said
