"""People by name through the real Bolt app on DynamoDB Local: a typed `@priya` (plain, as Slack sends a name not
picked from its list) and Slack's escaped `<@U…|priya>` name the same agent, found through users.list on the fake
Slack and kept (two asks, one read); agents are shown by their name, in replies, refusals and CSV exports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt import App
from support.demo_people import DEMO_LEAD
from support.slack_asks import ask_validated
from support.slack_views import all_text, csv_rows

from cx.demo.roster import AGENTS_BY_ID
from cxlocal.fake_slack import USERS_PAGE, FakeSlack

SECRET = "people-signing-secret"
PRIYA = "U0AGENT01"  # Priya Raman, billing-payments, in the demo's roster
GRACE = "U0AGENT09"  # Grace Mensah, orders-delivery
OTHERS = {f"U0STAFF{n:02d}": f"Staff Member{n:02d}" for n in range(USERS_PAGE)}  # users.list needs two pages


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    people = {a.id: a.name for a in AGENTS_BY_ID.values()} | OTHERS | {"U0SOFIA2": "Sofia Alvarez"}
    with FakeSlack(people=people) as server:
        yield server


def ask(app: App, slack: FakeSlack, text: str, user: str = "U0MANAGER") -> dict[str, Any]:
    reply: dict[str, Any] = ask_validated(app, slack, text, user, SECRET)  # mypy reads tests/support as untyped
    return reply


def test_a_typed_at_name_and_a_slack_mention_name_the_same_agent_shown_by_name(app: App, slack: FakeSlack) -> None:
    typed = ask(app, slack, "agent @priya last-30d")
    escaped = ask(app, slack, f"agent <@{PRIYA}|priya> last-30d")

    assert typed["blocks"][0]["text"]["text"] == "Agent performance: Priya Raman"
    assert "Performance of *Priya Raman* per inquiry" in all_text(typed)
    assert typed["blocks"] == escaped["blocks"]
    assert "contacts" in all_text(typed) and PRIYA not in all_text(typed)
    # the workspace's members are read once (both pages), then kept: the second ask reads nothing
    assert len(slack.calls_to("users.list")) == 2
    assert [c.body.get("cursor") for c in slack.calls_to("users.list")][1] == str(USERS_PAGE)


@pytest.mark.parametrize("typed", ["@priya.raman", "@Priya", "@PRIYA.RAMAN"])
def test_a_handle_or_a_first_name_in_any_case_finds_the_agent(app: App, slack: FakeSlack, typed: str) -> None:
    assert ask(app, slack, f"agent {typed} last-30d")["blocks"][0]["text"]["text"] == "Agent performance: Priya Raman"


def test_no_one_by_that_name_is_said_so_and_two_are_named(app: App, slack: FakeSlack) -> None:
    nobody = all_text(ask(app, slack, "agent @nobody"))
    both = all_text(ask(app, slack, "agent @sofia"))

    assert "can't find anyone called `@nobody`" in nobody and "try a longer range" not in nobody.lower()
    assert "`@sofia` could be Sofia Alvarez or Sofia Martinez" in both


def test_a_lead_asking_for_another_teams_agent_is_refused_with_their_name(app: App, slack: FakeSlack) -> None:
    text = all_text(ask(app, slack, "agent @grace", user=DEMO_LEAD))

    assert "Grace Mensah isn't in your teams" in text
    assert GRACE not in text and "&lt;@" not in text


def test_an_agent_filter_by_typed_name_reads_that_agents_figures(app: App, slack: FakeSlack) -> None:
    by_name = ask(app, slack, "journey billing last-week agent:@priya")
    by_id = ask(app, slack, f"journey billing last-week agent:{PRIYA}")

    assert "Filtered to agent: Priya Raman." in all_text(by_name)
    assert all_text(by_name) == all_text(by_id)
    why = ask(app, slack, "why billing last-week agent:@priya")
    assert why["blocks"][0]["text"]["text"] == "Why did CX move? billing agent:Priya Raman"


def test_a_case_export_names_each_contacts_agent(app: App, slack: FakeSlack) -> None:
    ask(app, slack, "export case 29")
    [upload] = [u for u in slack.uploads() if u.filename.endswith(".csv")]
    rows = csv_rows(upload.content)

    assert rows and all(r["agent"] == AGENTS_BY_ID[r["agent_id"]].name for r in rows if r["agent_id"])
