"""Every store keeps a workspace's items under its namespace: what one writes, another cannot read or scan; and a
single-workspace deploy's keys are exactly as they were (no namespace)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from cx.bootstrap import (
    build_label_store,
    build_pipeline,
    build_plan_store,
    build_promotions,
    build_stores,
    build_workspace_store,
    deploy_defaults,
)
from cx.calibration.labels import Label
from cx.calibration.promotion import Promotion
from cx.coaching.plan import CoachingPlan, PlanAction
from cx.config import Settings
from cx.demo.generator import generate
from cx.performance.metrics import Metric
from cx.workspace.store import change_settings
from cxlocal.dynamodb_local import local_client

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def _plan() -> CoachingPlan:
    return CoachingPlan(
        id="p-1", agent_id="a-1", slack_user="U0AGENT", inquiry="refund", metric=Metric.CX, improvement_pct=10,
        start_value=3.0, target_value=3.3, created_at=NOW, due=NOW.date() + timedelta(days=20),
        actions=[PlanAction(text="Confirm the fix"), PlanAction(text="Recap")],
    )  # fmt: skip


def test_what_one_workspace_writes_no_other_reads(settings: Settings) -> None:
    alpha, beta = replace(settings, workspace="T0ALPHA"), replace(settings, workspace="T0BETA")
    conversations = generate(end=NOW.date(), days=2, seed=9).conversations[:6]
    build_pipeline(alpha, clock=lambda: NOW).process(conversations)
    first = conversations[0]

    build_label_store(alpha).put_labels([Label(conversation_id=first.id, reviewer="U0R", score=4, labelled_at=NOW)])
    build_plan_store(alpha).add(_plan())
    change_settings(build_workspace_store(alpha), deploy_defaults(alpha), ["pass_threshold=2"], "ana", NOW)
    build_promotions(alpha).record(Promotion(scorer="offline-v2", previous="offline", by="ana", at=NOW))

    a, b = build_stores(alpha), build_stores(beta)
    assert a.conversations.get_conversation(first.id) == first
    assert a.evaluations.latest_evaluation(first.id) is not None
    assert a.aggregates.known_journeys() and a.aggregates.read_all()
    assert len(a.conversations.case_contacts(first.case_ref)) >= 1  # the by_case index, in the namespace
    assert len(list(a.conversations.scan_conversations())) == len(conversations)

    assert b.conversations.get_conversation(first.id) is None
    assert b.evaluations.latest_evaluation(first.id) is None
    assert b.conversations.case_contacts(first.case_ref) == []
    assert list(b.conversations.scan_conversations()) == []  # a scan sees its own namespace only
    assert b.aggregates.known_journeys() == set() and b.aggregates.read_all() == {}
    assert build_label_store(beta).labels_for(first.id) == [] and list(build_label_store(beta).scan_labels()) == []
    assert build_plan_store(beta).all_plans() == [] and build_plan_store(alpha).all_plans()
    assert build_workspace_store(beta).current() is None
    assert build_workspace_store(alpha).current().pass_threshold == 2  # type: ignore[union-attr]
    assert build_promotions(beta).active() is None and build_promotions(alpha).active() is not None


def test_a_single_workspace_deploy_keeps_its_keys_as_they_were(settings: Settings) -> None:
    conversations = generate(end=NOW.date(), days=1, seed=9).conversations[:3]
    build_pipeline(settings, clock=lambda: NOW).process(conversations)
    client = local_client(settings.dynamodb_endpoint or "")
    stored = {i["conversation_id"]["S"] for i in client.scan(TableName=settings.conversations_table)["Items"]}
    assert stored == {c.id for c in conversations}
    pks = {i["pk"]["S"] for i in client.scan(TableName=settings.aggregates_table)["Items"]}
    assert "catalog" in pks and not any(pk.startswith("ws=") for pk in pks)

    scoped = replace(settings, workspace="T0ALPHA")
    build_pipeline(scoped, clock=lambda: NOW).process(conversations)
    stored = {i["conversation_id"]["S"] for i in client.scan(TableName=settings.conversations_table)["Items"]}
    assert stored == {c.id for c in conversations} | {f"ws=T0ALPHA|{c.id}" for c in conversations}
