"""The workspace configuration: validated changes with clear messages, a history entry per change."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from cx.refreshing import Refreshing
from cx.workspace.changes import InvalidSetting, apply_changes, parse_assignments
from cx.workspace.config import Change, WorkspaceConfig, defaults
from cx.workspace.store import ConfigConflict, change_settings, load

AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
START = defaults(4, "UTC")


def _set(config: WorkspaceConfig, *words: str) -> tuple[WorkspaceConfig, list[Change]]:
    return apply_changes(config, parse_assignments(list(words)), "ana", AT)


class MemoryStore:
    def __init__(self) -> None:
        self.config: WorkspaceConfig | None = None
        self.changes: list[Change] = []
        self.interfere = 0  # saves that find someone else was first

    def current(self) -> WorkspaceConfig | None:
        return self.config

    def history(self) -> list[Change]:
        return list(self.changes)

    def record(self, changes: list[Change]) -> None:
        self.changes += changes

    def save(self, config: WorkspaceConfig, changes: list[Change], expected_version: int | None) -> None:
        stored = self.config.version if self.config else None
        if self.interfere and expected_version is not None:
            self.interfere -= 1
            assert self.config is not None
            self.config = self.config.model_copy(update={"version": self.config.version + 1})
            raise ConfigConflict("changed meanwhile")
        if stored != expected_version:
            raise ConfigConflict("changed meanwhile")
        self.config, self.changes = config, self.changes + changes


def test_a_change_is_recorded_with_who_when_and_what_was_before() -> None:
    new, changes = _set(START, "pass_threshold=3", "drift_channel=C0DRIFT01")
    assert (new.pass_threshold, new.drift_channel, new.version) == (3, "C0DRIFT01", START.version + 1)
    assert [(c.key, c.before, c.after, c.by, c.at) for c in changes] == [
        ("drift_channel", "deploy default", "C0DRIFT01", "ana", AT),
        ("pass_threshold", "4", "3", "ana", AT),
    ]


def test_setting_the_same_values_again_changes_nothing_and_records_nothing() -> None:
    new, changes = _set(START, "pass_threshold=4", "timezone=UTC")
    assert new == START and changes == []


@pytest.mark.parametrize(
    ("word", "says"),
    [
        ("pass_threshold=7", "a CX score from 1 to 5"),
        ("timezone=Mars/Olympus", "not an IANA time zone such as Europe/Berlin"),
        ("drift_channel=#general", "the channel's id such as C0123ABCD"),
        ("journey.Billing Team.aliases=x", "lower-case letters"),
        ("journey.billing.aliases=Invoices!", "lower-case letters, digits"),
        ("journey.billing.colour=red", "journey.<name>.aliases"),
        ("passthreshold=3", "I don't know the setting `passthreshold`; settings are: pass_threshold"),
        ("pass_threshold", "write settings as key=value"),
        ("claude_model=sonnet", "is not a Claude model id; write it like claude-haiku-4-5"),
        ("scorer=claude", "chosen with `cx promote NAME`"),
    ],
)
def test_a_bad_setting_says_what_to_write_instead(word: str, says: str) -> None:
    with pytest.raises(InvalidSetting) as raised:
        _set(START, word)
    assert says in str(raised.value)


def test_changes_are_all_or_nothing() -> None:
    store = MemoryStore()
    with pytest.raises(InvalidSetting):
        change_settings(store, START, ["pass_threshold=3", "timezone=Nowhere"], "ana", AT)
    assert load(store, START, AT).pass_threshold == 4
    assert [c.key for c in store.history()] == ["*"], "only the creation of the defaults is recorded"


def test_aliases_resolve_and_may_not_name_two_journeys() -> None:
    config, _ = _set(START, "journey.billing.aliases=invoices,payments", "journey.orders.aliases=shipping")
    assert config.aliases() == {"invoices": "billing", "payments": "billing", "shipping": "orders"}
    with pytest.raises(InvalidSetting, match="alias `invoices` already names journey `billing`"):
        _set(config, "journey.orders.aliases=invoices")
    with pytest.raises(InvalidSetting, match="alias `billing` already names journey `billing`"):
        _set(config, "journey.orders.aliases=billing")


def test_an_inquiry_belongs_to_one_journey() -> None:
    config, _ = _set(START, "journey.billing.inquiries=refund,invoice")
    assert config.journey_of_inquiry("Refund") == "billing"
    assert config.journey_of_inquiry("delivery") is None
    with pytest.raises(InvalidSetting, match="inquiry `refund` already belongs to journey `billing`"):
        _set(config, "journey.orders.inquiries=delivery,refund")
    removed, changes = _set(config, "journey.billing=remove")
    assert removed.journey_of_inquiry("refund") is None
    assert {c.key for c in changes} == {"journey.billing.aliases", "journey.billing.inquiries"}


@pytest.mark.parametrize(
    "model", ["claude-haiku-4-5", "claude-haiku-4-5-20251001", "us.anthropic.claude-haiku-4-5-v1:0"]
)
def test_a_claude_model_in_any_accepted_form_can_be_configured(model: str) -> None:
    config, changes = _set(START, f"claude_model={model}")
    assert config.claude_model == model
    assert changes[0].before == "deploy default" and changes[0].note and "new scorer version" in changes[0].note


def test_a_time_zone_change_says_that_counted_days_need_a_rebuild() -> None:
    _, changes = _set(START, "timezone=Europe/Berlin")
    assert changes[0].note and "cx rebuild --apply" in changes[0].note


def test_first_use_stores_the_deploy_defaults_and_records_it() -> None:
    store = MemoryStore()
    assert load(store, START, AT, create=False) == START and store.config is None
    created = load(store, START, AT)
    assert created.version == 1 and store.config == created
    assert [(c.key, c.by) for c in store.history()] == [("*", "deploy")]


def test_a_concurrent_change_is_retried_on_the_newer_version() -> None:
    store = MemoryStore()
    load(store, START, AT)
    store.interfere = 1
    new, changes = change_settings(store, START, ["pass_threshold=2"], "ana", AT)
    assert new.pass_threshold == 2 and store.config == new and len(changes) == 1
    store.interfere = 5
    with pytest.raises(ConfigConflict, match="try again"):
        change_settings(store, START, ["pass_threshold=3"], "ana", AT)


def test_configuration_is_read_again_once_a_minute() -> None:
    clock, reads = [0.0], []

    def read() -> int:
        reads.append(clock[0])
        return len(reads)

    value = Refreshing(read, max_age=60, now=lambda: clock[0])
    assert value.get() == 1
    clock[0] = 59
    assert value.get() == 1
    clock[0] = 60
    assert value.get() == 2 and reads == [0.0, 60]


def test_help_desk_mapping_is_set_shown_recorded_and_reset() -> None:
    config, changes = _set(
        WorkspaceConfig(), "helpdesk.zendesk.journey=field:360011", "helpdesk.zendesk.team.map=98738:billing"
    )

    assert config.settings()["helpdesk.zendesk.journey"] == "field:360011"
    assert [(c.key, c.before, c.after) for c in changes] == [
        ("helpdesk.zendesk.journey", "none", "field:360011"),
        ("helpdesk.zendesk.team.map", "none", "98738:billing"),
    ]
    reset, _ = _set(config, "helpdesk.zendesk.journey=default")
    assert "helpdesk.zendesk.journey" not in reset.settings()


@pytest.mark.parametrize(
    ("word", "says"),
    [
        ("helpdesk.zendesk.journey=attribute:Topic", "sources for zendesk are"),  # an Intercom source
        ("helpdesk.intercom.journey=tag:", "need their argument"),
        ("helpdesk.freshdesk.team=group", "helpdesk.<intercom|zendesk>"),
        ("helpdesk.zendesk.team.map=98738", "<vendor value>:<name>"),
    ],
)
def test_a_help_desk_mapping_it_cannot_apply_is_refused_with_the_form_to_write(word: str, says: str) -> None:
    with pytest.raises(InvalidSetting, match=re.escape(says)):
        _set(WorkspaceConfig(), word)


def test_the_first_write_from_an_environment_without_a_drift_channel_keeps_the_deployments() -> None:
    """A laptop's `cx config set` (no CX_DRIFT_CHANNEL there) used to store drift_channel=None over the deploy
    parameter, and the deployed drift function then posted nothing, silently."""
    laptop_defaults = defaults(4, "UTC")
    new, _ = _set(laptop_defaults, "pass_threshold=3")
    assert new.drift_destination("C0DEPLOY") == ("C0DEPLOY", "the deploy parameter CX_DRIFT_CHANNEL")
    assert new.drift_destination(None)[0] is None
    assert "neither drift_channel" in new.drift_destination(None)[1]

    off, changes = _set(new, "drift_channel=none")
    assert off.drift_destination("C0DEPLOY")[0] is None, "switched off only when someone says so"
    assert "drift_channel=none in the workspace configuration" in off.drift_destination("C0DEPLOY")[1]
    assert [(c.before, c.after) for c in changes] == [("deploy default", "none")]
    back, _ = _set(off, "drift_channel=default")
    assert back.drift_destination("C0DEPLOY")[0] == "C0DEPLOY"
