"""The daily coaching function on the demo data: one DM per plan and day even when invoked twice, now values
against a direct computation, a progress chart, the lead told once of an achieved plan, a deactivated agent's
plan closed with a note; an action ticked from the DM through the real Bolt app."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from lambda_loader import cold_start
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from support.demo_people import DEMO_AGENT, DEMO_LEAD, SLACK_DEMO_NOW
from support.direct_performance import recent_mean
from support.plans import clear_plans
from support.secrets import SLACK_SECRET, put_secret
from support.slack_views import button

from cx.bootstrap import build_plan_store
from cx.coaching.plan import CoachingPlan, PlanAction, PlanStatus
from cx.config import Settings
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.performance.metrics import Metric
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import block_action_body, signed_headers

TODAY = SLACK_DEMO_NOW.date()
Pairs = list[tuple[Conversation, Evaluation]]


def _plan(plan_id: str, agent: str, user: str, inquiry: str, start: float, target: float) -> CoachingPlan:
    return CoachingPlan(
        id=plan_id, agent_id=agent, slack_user=user, team="billing-payments", inquiry=inquiry, metric=Metric.CX,
        improvement_pct=10, start_value=start, target_value=target, created_at=SLACK_DEMO_NOW - timedelta(days=3),
        due=TODAY + timedelta(days=20), actions=[PlanAction(text="Confirm the fix"), PlanAction(text="Recap")],
    )  # fmt: skip


@pytest.fixture
def env(
    slack_demo: tuple[Settings, dict[str, Any]], moto_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    settings = slack_demo[0]
    clear_plans(settings)  # the shared demo tables: plans of other tests go, and this test's go after it
    for name, value in {
        "CX_CONVERSATIONS_TABLE": settings.conversations_table,
        "CX_EVALUATIONS_TABLE": settings.evaluations_table,
        "CX_AGGREGATES_TABLE": settings.aggregates_table,
        "CX_COACHING_TABLE": settings.coaching_table or "",
        "CX_DYNAMODB_ENDPOINT": settings.dynamodb_endpoint or "",
        "CX_TIMEZONE": "UTC",
        "AWS_ENDPOINT_URL_SECRETS_MANAGER": moto_url,
        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalyticsTest",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CX_SLACK_SECRET_ARN", put_secret("slack", SLACK_SECRET))
    yield settings
    clear_plans(settings)


def test_one_dm_per_plan_and_day_with_direct_now_values_and_the_lead_told_once(
    env: Settings, slack_demo: tuple[Settings, dict[str, Any]], lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs: Pairs = slack_demo[1]["pairs"]
    inquiry = next(c.inquiry for c, _ in pairs if c.agent_id == DEMO_AGENT and c.inquiry)
    other = next((c.agent_id, c.inquiry) for c, _ in pairs if c.agent_id not in (None, DEMO_AGENT) and c.inquiry)
    store = build_plan_store(env)
    store.add(_plan("p-active", DEMO_AGENT, DEMO_AGENT, inquiry, start=2.0, target=5.0))
    store.add(_plan("p-achieved", other[0] or "", "U0OTHER", other[1] or "", start=1.0, target=1.0))
    store.add(_plan("p-left", DEMO_AGENT, "U0GONE", inquiry, start=2.0, target=5.0))

    with FakeSlack() as slack:
        slack.deactivated.add("U0GONE")
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        handler = cold_start("coaching").handler
        first = handler({"day": TODAY.isoformat()}, lambda_context)
        second = handler({"day": TODAY.isoformat()}, lambda_context)  # a retry, or the schedule firing twice
        posts = slack.calls_to("chat.postMessage")
        uploads = slack.uploads()

    assert sorted(first["sent"]) == ["p-achieved", "p-active"] and second["sent"] == []
    assert second["already_sent"] == ["p-active"]  # an achieved plan gets no more DMs
    by_channel = [p.body["channel"] for p in posts]
    assert by_channel.count(f"D0{DEMO_AGENT}") == 1 and by_channel.count("D0U0OTHER") == 1
    assert by_channel.count(f"D0{DEMO_LEAD}") == 1 and "D0U0GONE" not in by_channel
    lead_note = next(p.body for p in posts if p.body["channel"] == f"D0{DEMO_LEAD}")
    assert "achieved their coaching plan" in lead_note["text"]

    dm = next(p.body for p in posts if p.body["channel"] == f"D0{DEMO_AGENT}")
    direct_now = recent_mean(pairs, DEMO_AGENT, inquiry, "cx")
    blocks = dm["blocks"] if isinstance(dm["blocks"], list) else json.loads(dm["blocks"])
    fields = json.dumps(blocks)
    assert f"*Now*\\n{direct_now:.2f}" in fields and "*Start*\\n2.00" in fields and "*Target*\\n5.00" in fields
    assert "*Days left*\\n20 days" in fields
    assert {u.filename for u in uploads} == {f"plan-p-active-{TODAY}.png", f"plan-p-achieved-{TODAY}.png"}
    assert all(u.content.startswith(b"\x89PNG") and u.channel in ("D0U0AGENT01", "D0U0OTHER") for u in uploads)

    left = store.get("p-left")
    assert left is not None and left.status is PlanStatus.CLOSED and "deactivated" in (left.closed_note or "")
    achieved = store.get("p-achieved")
    assert achieved is not None and achieved.status is PlanStatus.ACHIEVED and achieved.achieved_on == TODAY
    active = store.get("p-active")
    assert active is not None and active.now_value == pytest.approx(direct_now)

    # ticking an action from the DM, through the Bolt app: only the plan's agent may
    with FakeSlack() as slack:
        app = build_app(
            build_services(env, clock=lambda: SLACK_DEMO_NOW), "secret", WebClient(token="x", base_url=slack.api_url)
        )
        done = button({"blocks": blocks}, "Mark done")
        for user in ("U0INTRUDER", DEMO_AGENT):
            body = block_action_body(done["action_id"], done["value"], slack.response_url(user), user, block_id="a")
            assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, "secret")))).status == 200
        replies = slack.wait_for("response_url", 2)
    ticked = store.get("p-active")
    assert ticked is not None and ticked.actions[0].done_on == TODAY and ticked.actions[1].done_on is None
    texts = {c.path.rsplit("/", 1)[-1]: c.body for c in replies}
    assert "Only the agent" in texts["U0INTRUDER"]["text"]
    assert "✅ done" in json.dumps(texts[DEMO_AGENT]["blocks"], ensure_ascii=False)
