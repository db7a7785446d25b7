"""Agent performance and coaching plans through the real Bolt app against the fake Slack server: `/cx me` figures
and ratings against a direct computation from the raw data, refusals carry no numbers, the wizard with errors shown
in the modal, the plan's start value, and ticking an action."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, timedelta
from statistics import fmean
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from support.demo_people import DEMO_AGENT, DEMO_LEAD, SLACK_DEMO_NOW
from support.direct_performance import contacts_by_agent, handled_on, mean_of, rate
from support.plans import clear_plans
from support.slack_views import all_text, button

from cx.bootstrap import build_plan_store
from cx.config import Settings
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.performance.handle_time import CHANNELS, MIN_HANDLED, duration, unit_for
from cx.performance.metrics import Metric
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.fake_slack import TEAM_ID, FakeSlack
from cxlocal.slack_requests import block_action_body, interaction_body, signed_headers, slash_command_body

SECRET = "test-signing-secret"
Pairs = list[tuple[Conversation, Evaluation]]
TODAY = SLACK_DEMO_NOW.date()
START = TODAY - timedelta(days=89)  # last-90d, today included


@pytest.fixture
def demo(slack_demo: tuple[Settings, dict[str, Any]]) -> Iterator[tuple[Settings, Pairs]]:
    settings = slack_demo[0]
    clear_plans(settings)  # the shared demo tables: plans of other tests go, and this test's go after it
    yield settings, slack_demo[1]["pairs"]
    clear_plans(settings)


@pytest.fixture
def app(demo: tuple[Settings, Pairs], slack: FakeSlack) -> App:
    services = build_services(demo[0], clock=lambda: SLACK_DEMO_NOW)
    return build_app(services, SECRET, WebClient(token="xoxb-test", base_url=slack.api_url))


def ask(app: App, slack: FakeSlack, text: str, user: str) -> dict[str, Any]:
    seen = len(slack.calls_to("response_url"))
    body = slash_command_body(text, slack.response_url(), user_id=user)
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    return slack.wait_for("response_url", seen + 1)[-1].body


def submit(app: App, view: dict[str, Any], values: dict[str, Any], user: str = DEMO_AGENT) -> dict[str, Any]:
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID},
        "user": {"id": user},
        "api_app_id": "A0CXAPP",
        "view": {**view, "id": "V1", "state": {"values": values}},
    }
    body = interaction_body(payload)
    response = app.dispatch(BoltRequest(body=body, headers=signed_headers(body, SECRET)))
    assert response.status == 200
    return json.loads(response.body) if response.body else {}


def section_of(reply: dict[str, Any], inquiry: str) -> str:
    return str(next(line for line in all_text(reply).split("\n*") if line.lstrip("*").startswith(f"{inquiry}* ·")))


def check_handle_time(text: str, by_agent: dict[str, list[tuple[Conversation, Evaluation]]]) -> int:
    """Each channel's figure as computed from the transcripts, never one over all channels; returns how many."""
    head = next(part for part in text.split("\n") if part.startswith("Handle time: "))
    checked = 0
    for channel in CHANNELS:
        mine = handled_on(channel, by_agent[DEMO_AGENT])
        if not mine:
            continue
        if len(mine) < MIN_HANDLED:
            assert "too few timed contacts to show" in head and f"{channel} ({len(mine)})" in head, head
            continue
        peers = [fmean(v) for cs in by_agent.values() if len(cs) >= 3 and len(v := handled_on(channel, cs)) >= 3]
        shown = head.split(f"{channel} *")[1].split("*")[0]
        unit = "h" if shown.endswith(" h") else "min"  # one unit for the line: the team's figure may widen it
        assert unit == "h" or unit_for([fmean(mine), min(peers)]) == "min", head
        assert shown == duration(fmean(mine), unit), (head, channel)
        compared = next(part for part in text.split("\n") if part.strip().startswith(f"{channel}: team "))
        assert compared.endswith(f"top {duration(min(peers), unit)}"), compared
        checked += 1
    return checked


def test_me_shows_each_inquirys_figures_and_ratings_as_computed_from_the_raw_data(
    app: App, slack: FakeSlack, demo: tuple[Settings, Pairs]
) -> None:
    reply = ask(app, slack, "me", DEMO_AGENT)

    pairs = demo[1]
    mine = {c.inquiry for c, _ in pairs if c.agent_id == DEMO_AGENT and c.inquiry}
    shown = [i for i in mine if f"*{i}* ·" in all_text(reply)]
    assert shown, all_text(reply)
    checked_ratings = checked_channels = 0
    for inquiry in shown:
        text = section_of(reply, inquiry)
        by_agent = contacts_by_agent(pairs, inquiry, START, TODAY)
        assert f"{len(by_agent[DEMO_AGENT])} contacts" in text
        for metric in (Metric.CX, Metric.RESOLUTION):
            direct = rate(metric.value, DEMO_AGENT, by_agent)
            line = next(part for part in text.split("\n") if part.startswith(metric.label))
            assert f"*{metric.show(direct.value)}*" in line, (inquiry, line)
            everyone = [v for cs in by_agent.values() if len(cs) >= 3 and (v := mean_of(metric.value, cs)) is not None]
            best = (max if metric.higher_is_better else min)(everyone) if everyone else None
            assert f"top {metric.show(best)}" in line
            if direct.rating:
                assert f"*{direct.rating}*" in line, (inquiry, line, direct)
                checked_ratings += 1
        checked_channels += check_handle_time(text, by_agent)
    assert checked_ratings >= 3 and checked_channels >= 3
    assert "Let's build a coaching plan" in json.dumps(reply["blocks"])


def test_agents_and_leads_get_a_polite_refusal_without_numbers_for_agents_not_theirs(
    app: App, slack: FakeSlack, demo: tuple[Settings, Pairs]
) -> None:
    pairs = demo[1]
    other_team_agent = next(c.agent_id for c, _ in pairs if c.team and c.team != "billing-payments" and c.agent_id)

    refused = [
        ask(app, slack, "agent <@U0AGENT02|priya>", DEMO_AGENT),
        ask(app, slack, f"agent <@{other_team_agent}>", DEMO_LEAD),
        ask(app, slack, "me", "U0MANAGER"),
    ]

    for reply in refused:
        text = all_text(reply)
        assert text.startswith(":warning: ") and re.search(r"\d\.\d|\d%| min\b|contacts", text) is None, text
        assert "Average CX score" not in text and "Effectiveness" not in text
    lead_view = ask(app, slack, f"agent <@{DEMO_AGENT}>", DEMO_LEAD)
    assert "Agent performance" in all_text(lead_view) and "Let's build a coaching plan" not in json.dumps(lead_view)
    manager_view = ask(app, slack, f"agent <@{other_team_agent}>", "U0MANAGER")
    assert "Average CX score" in all_text(manager_view)


def test_the_wizard_validates_each_step_in_the_modal_and_commits_a_plan_with_the_direct_start_value(
    app: App, slack: FakeSlack, demo: tuple[Settings, Pairs]
) -> None:
    settings, pairs = demo
    me = ask(app, slack, "me", DEMO_AGENT)
    start = button(me, "Let's build a coaching plan")
    picked = json.loads(start["value"])
    body = block_action_body(start["action_id"], start["value"], slack.response_url("b"), DEMO_AGENT, block_id="p")
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    opened = slack.wait_for("views.open")[-1].body
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    metric_select = view["blocks"][1]["element"]
    assert metric_select["initial_option"]["value"] == picked["m"]  # the recommended metric preselected

    step = submit(app, view, {"metric": {"metric": {"selected_option": {"value": "cx"}}}})
    assert step["response_action"] == "update"
    target_view = step["view"]
    before = [(c, e) for c, e in pairs if c.agent_id == DEMO_AGENT and c.inquiry == picked["i"]]
    window = [
        (c, e) for c, e in before if c.when and TODAY - timedelta(days=90) <= c.when.astimezone(UTC).date() < TODAY
    ]
    direct_start = mean_of("cx", window)
    assert f"you start from *{direct_start:.2f}*" in json.dumps(target_view)

    due = (TODAY + timedelta(days=30)).isoformat()
    bad = submit(
        app,
        target_view,
        {"improvement": {"improvement": {"value": "60"}}, "due": {"due": {"selected_date": TODAY.isoformat()}}},
    )
    assert bad["response_action"] == "errors" and set(bad["errors"]) == {"improvement", "due"}
    review = submit(
        app, target_view, {"improvement": {"improvement": {"value": "10"}}, "due": {"due": {"selected_date": due}}}
    )["view"]
    assert "Review these recent conversations" in json.dumps(review) or "No recent conversations" in json.dumps(review)

    empty = submit(app, review, {f"action_{n}": {f"action_{n}": {"value": "  "}} for n in (1, 2, 3)})
    assert empty == {"response_action": "errors", "errors": {"action_1": "Write at least one thing you will do."}}
    actions = {
        "action_1": {"action_1": {"value": "Confirm the fix before closing"}},
        "action_2": {"action_2": {"value": "Summarise next steps"}},
    }
    help_view = submit(app, review, actions)["view"]
    everything = [{"value": v} for v in ("shadow", "review", "knowledge", "roleplay")]
    too_much = submit(
        app, help_view, {"help": {"help": {"selected_options": everything}}, "help_note": {"help_note": {"value": ""}}}
    )
    assert too_much["response_action"] == "errors" and "at most 3" in too_much["errors"]["help"]
    summary = submit(
        app,
        help_view,
        {"help": {"help": {"selected_options": everything[:1]}}, "help_note": {"help_note": {"value": "Call scripts"}}},
    )["view"]
    assert "I commit to this plan" in json.dumps(summary)
    uncommitted = submit(app, summary, {"commit": {"commit": {"selected_options": []}}})
    assert uncommitted["response_action"] == "errors"
    assert build_plan_store(settings).all_plans() == []

    assert submit(app, summary, {"commit": {"commit": {"selected_options": [{"value": "yes"}]}}}) == {}

    [plan] = build_plan_store(settings).all_plans()
    assert (plan.agent_id, plan.inquiry, plan.metric, plan.improvement_pct) == (DEMO_AGENT, picked["i"], Metric.CX, 10)
    assert plan.start_value == pytest.approx(direct_start)
    assert plan.target_value == pytest.approx(min(5.0, direct_start * 1.1))
    assert [a.text for a in plan.actions] == ["Confirm the fix before closing", "Summarise next steps"]
    assert (plan.help, plan.help_note, plan.due.isoformat()) == (["shadow"], "Call scripts", due)
    dm = slack.wait_for("chat.postMessage")[-1].body
    assert dm["channel"] == f"D0{DEMO_AGENT}" and "Coaching plan" in dm["text"]

    listed = ask(app, slack, "plans", DEMO_LEAD)
    assert plan.team == "billing-payments" and plan.id in json.dumps(listed)  # the lead of the agent's team
    stranger = ask(app, slack, "plans", "U0AGENT02")  # no role: refused, nothing of the plan shown
    assert stranger["text"].startswith("You don't have") and plan.id not in json.dumps(stranger)
