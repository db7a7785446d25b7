"""The DynamoDB installation and OAuth state stores as Bolt uses them, against DynamoDB Local."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.oauth.installation_store import Installation

from cx.adapters.dynamo.installations import build_installation_model
from cxbot.oauth.installation_store import DynamoInstallationStore
from cxbot.oauth.state_store import DynamoOAuthStateStore
from cxlocal.template_tables import LocalTables


@pytest.fixture
def model(tables: LocalTables) -> Any:
    return build_installation_model(tables["InstallationsTable"], "us-east-1", tables.endpoint)


def _installation(user: str, token: str, team: str | None = "T0ONE", **grid: Any) -> Installation:
    return Installation(app_id="A0CXAPP", team_id=team, user_id=user, bot_token=token, bot_id="B0BOT",
                        bot_user_id="U0BOT", bot_scopes=["commands", "chat:write"], **grid)  # fmt: skip


def test_a_reinstall_replaces_the_bot_and_keeps_each_installer(model: Any) -> None:
    store = DynamoInstallationStore(model)
    store.save(_installation("U0ANA", "xoxb-first"))
    store.save(_installation("U0BEN", "xoxb-second"))

    bot = store.find_bot(enterprise_id=None, team_id="T0ONE")
    assert bot is not None and bot.bot_token == "xoxb-second" and bot.bot_scopes == ["commands", "chat:write"]
    ana = store.find_installation(enterprise_id=None, team_id="T0ONE", user_id="U0ANA")
    assert ana is not None and ana.bot_token == "xoxb-first" and ana.installed_at > 0
    latest = store.find_installation(enterprise_id=None, team_id="T0ONE")
    assert latest is not None and latest.user_id == "U0BEN"
    assert store.find_bot(enterprise_id=None, team_id="T0OTHER") is None
    assert [w.workspace for w in store.workspaces.all()] == ["T0ONE"]

    store.delete_all(enterprise_id=None, team_id="T0ONE")
    assert store.find_bot(enterprise_id=None, team_id="T0ONE") is None
    assert store.find_installation(enterprise_id=None, team_id="T0ONE", user_id="U0ANA") is None
    assert store.workspaces.all() == []


def test_an_org_wide_install_is_found_from_any_workspace_of_the_org(model: Any) -> None:
    store = DynamoInstallationStore(model)
    store.save(_installation("U0ANA", "xoxb-org", team=None, enterprise_id="E0ORG", is_enterprise_install=True))
    for team in ("T0A", "T0B", None):
        bot = store.find_bot(enterprise_id="E0ORG", team_id=team, is_enterprise_install=True)
        assert bot is not None and bot.bot_token == "xoxb-org"
    # a workspace of the same org installed on its own is another installation
    assert store.find_bot(enterprise_id="E0ORG", team_id="T0A", is_enterprise_install=False) is None
    [org] = store.workspaces.all()
    assert org.workspace == "E0ORG" and org.is_enterprise_install


def test_a_state_is_good_once_and_not_after_it_expires(model: Any) -> None:
    now = [1_800_000_000.0]
    states = DynamoOAuthStateStore(model, expiration_seconds=600, clock=lambda: now[0])
    state = states.issue()
    assert states.consume(state) is True
    assert states.consume(state) is False  # a replayed redirect
    assert states.consume("never-issued") is False
    late = states.issue()
    now[0] += 601
    assert states.consume(late) is False
    [item] = list(model.query(f"state#{states.issue()}"))
    assert item.expires_at == int(now[0]) + 600  # DynamoDB's TTL removes the states nobody consumed


def test_an_uninstall_removes_the_workspaces_own_install_else_its_orgs(model: Any) -> None:
    store = DynamoInstallationStore(model)
    store.save(_installation("U0ANA", "xoxb-org", team=None, enterprise_id="E0ORG", is_enterprise_install=True))
    store.save(_installation("U0BEN", "xoxb-own", team="T0OWN", enterprise_id="E0ORG"))
    store.delete_all(enterprise_id="E0ORG", team_id="T0OWN")  # app_uninstalled from the workspace with its own
    assert store.find_bot(enterprise_id="E0ORG", team_id="T0OWN") is None
    assert store.find_bot(enterprise_id="E0ORG", team_id="T0A", is_enterprise_install=True) is not None
    assert [w.workspace for w in store.workspaces.all()] == ["E0ORG"]
    store.delete_all(enterprise_id="E0ORG", team_id="T0A")  # from a workspace the org-wide install serves
    assert store.find_bot(enterprise_id="E0ORG", team_id="T0A", is_enterprise_install=True) is None
    assert store.workspaces.all() == []
