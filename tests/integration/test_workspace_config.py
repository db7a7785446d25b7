"""Configuration without code on DynamoDB Local: `/cx admin` through the real Bolt app, and what it changes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from support.slack_views import all_text

from cx.access import Roles
from cx.bootstrap import build_pipeline, build_stores, build_workspace_store, deploy_defaults
from cx.config import Settings
from cx.demo.generator import generate
from cx.workspace.store import ConfigConflict, load
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxbot.commands.admin import MANAGERS_ONLY
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
SECRET = "test-signing-secret"
MANAGER, AGENT = "U0MANAGER", "U0AGENT01"


@pytest.fixture
def loaded(settings: Settings) -> Settings:
    """Every fifth contact of four demo days (52, five of them billing's): what the answers show of a setting
    needs some contacts, not many."""
    build_pipeline(settings, clock=lambda: NOW).process(generate(end=NOW.date(), days=4, seed=5).conversations[::5])
    build_stores(settings).roles.put_roles(Roles(managers=[MANAGER], agents={AGENT: AGENT}))
    return settings


def _ask(settings: Settings, slack: FakeSlack, text: str, user: str = MANAGER) -> dict[str, Any]:
    """A fresh app each time, as the Slack function rebuilds it when the configuration's version changed."""
    app = build_app(
        build_services(settings, clock=lambda: NOW), SECRET, WebClient(token="xoxb-test", base_url=slack.api_url)
    )
    answered = len(slack.calls_to("response_url"))
    body = slash_command_body(text, slack.response_url(), user_id=user)
    assert app.dispatch(BoltRequest(body=body, headers=signed_headers(body, SECRET))).status == 200
    return slack.wait_for("response_url", count=answered + 1)[-1].body


def test_a_manager_changes_settings_in_slack_and_they_are_in_force(loaded: Settings, slack: FakeSlack) -> None:
    before = all_text(_ask(loaded, slack, "journey billing last-7d"))
    assert "% pass (CX ≥ 4)" in before

    changed = all_text(_ask(loaded, slack, "admin set pass_threshold=3 journey.billing.aliases=invoices"))
    assert "recorded with your name" in changed
    assert "`pass_threshold`: 4 → 3" in changed and "`journey.billing.aliases`: none → invoices" in changed

    after = _ask(loaded, slack, "journey invoices last-7d")
    assert after["blocks"][0]["text"]["text"] == "Journey: billing"
    assert "% pass (CX ≥ 3)" in all_text(after)

    history = all_text(_ask(loaded, slack, "admin history"))
    assert "deploy: * none → deploy defaults" in history
    assert f"slack:{MANAGER}: pass_threshold 4 → 3" in history


def test_a_bad_value_changes_nothing_and_says_what_to_fix(loaded: Settings, slack: FakeSlack) -> None:
    reply = all_text(_ask(loaded, slack, "admin set pass_threshold=3 timezone=Berlin"))
    assert "Nothing was changed" in reply and "IANA time zone such as Europe/Berlin" in reply
    shown = all_text(_ask(loaded, slack, "admin show"))
    assert "pass_threshold = 4" in shown
    assert "Scorer versions" in shown and "* offline: offline (defaults); built in" in shown


def test_only_managers_see_or_change_the_configuration(loaded: Settings, slack: FakeSlack) -> None:
    for text in ("admin show", "admin set pass_threshold=1", "admin history"):
        reply = _ask(loaded, slack, text, user=AGENT)
        assert reply["text"] == MANAGERS_ONLY and "pass_threshold" not in all_text(reply)
    assert load(build_workspace_store(loaded), deploy_defaults(loaded), NOW).pass_threshold == 4


def test_a_save_on_a_stale_version_is_refused(settings: Settings) -> None:
    store = build_workspace_store(settings)
    first = load(store, deploy_defaults(settings), NOW)
    store.save(first.model_copy(update={"version": 2, "pass_threshold": 3}), [], expected_version=1)
    with pytest.raises(ConfigConflict):
        store.save(first.model_copy(update={"version": 2, "pass_threshold": 2}), [], expected_version=1)
    assert store.current() is not None and store.current().pass_threshold == 3  # type: ignore[union-attr]


def test_conversations_without_a_journey_get_the_journey_of_their_inquiry(settings: Settings) -> None:
    conversations = [c for c in generate(end=NOW.date(), days=3, seed=2).conversations if c.journey == "billing"][:4]
    inquiry = conversations[0].inquiry
    assert inquiry
    unassigned = [c.model_copy(update={"journey": None, "inquiry": inquiry}) for c in conversations]
    from cx.workspace.store import change_settings

    change_settings(
        build_workspace_store(settings), deploy_defaults(settings), [f"journey.billing.inquiries={inquiry}"], "ana", NOW
    )
    pipeline = build_pipeline(settings, clock=lambda: NOW)
    pipeline.process(unassigned)
    stored = [pipeline.conversations.get_conversation(c.id) for c in unassigned]
    assert [c.journey if c else None for c in stored] == ["billing"] * len(unassigned)
    assert "billing" in build_stores(settings).aggregates.known_journeys()


def test_the_cli_changes_settings_and_roles_and_lists_every_change(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cxcli.main import main

    for name, value in {
        "CX_CONVERSATIONS_TABLE": settings.conversations_table,
        "CX_EVALUATIONS_TABLE": settings.evaluations_table,
        "CX_AGGREGATES_TABLE": settings.aggregates_table,
        "CX_LABELS_TABLE": settings.labels_table or "",
        "CX_CONFIG_TABLE": settings.config_table or "",
        "CX_DYNAMODB_ENDPOINT": settings.dynamodb_endpoint or "",
    }.items():
        monkeypatch.setenv(name, value)
    assert main(["config", "set", "timezone=Europe/Berlin", "--by", "ana"]) == 0
    assert "timezone: UTC -> Europe/Berlin" in capsys.readouterr().out
    assert main(["config", "set", "pass_threshold=six", "--by", "ana"]) == 2
    assert "nothing was changed: pass_threshold='six'" in capsys.readouterr().out
    assert main(["roles", "set", "--manager", "U0BOSS", "--lead", "U0LEAD=payments", "--by", "ben"]) == 0
    capsys.readouterr()
    assert main(["config", "history"]) == 0
    history = capsys.readouterr().out
    assert "ana: timezone UTC → Europe/Berlin (days already counted stay in the old zone" in history
    assert "ben: roles none → managers U0BOSS; leads U0LEAD (payments); agents -" in history
    assert "pass_threshold" not in history
