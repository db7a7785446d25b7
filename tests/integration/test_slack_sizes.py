"""Every view at real sizes, through the real Bolt app: each payload Slack receives parses with slack_sdk's block
models and stays within Slack's limits, at 1, 8, 40 and 200 journeys and cases of 1, 60 and 300 contacts.

The views come from the command table (every subcommand must have a scenario here), the navigation kinds (every
button's view) and the Home tab (every role), so a new view cannot escape this test. The figures come from an
in-memory aggregate store folded by the product's own fold: sizes are what is tested here, not storage.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    SectionBlock,
)
from slack_sdk.models.views import View as SlackView
from unit.factories import conversation, evaluation
from unit.fakes import FakeAggregateStore

from cx.access import Roles
from cx.aggregation.service import fold
from cx.digest.report import Digest, build_digest
from cx.digest.why import ExplainedWhy
from cx.domain.conversation import CaseOutcome, Channel, Conversation
from cx.domain.evaluation import Evaluation
from cx.ranges import DateRange
from cxbot.app import build_app
from cxbot.commands.table import commands
from cxbot.navigation import KINDS, View
from cxbot.render import limits
from cxbot.services import BotServices
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import (
    block_action_body,
    event_body,
    home_opened_event,
    json_headers,
    signed_headers,
    slash_command_body,
)

SECRET = "sizes-signing-secret"
NOW = datetime(2026, 3, 18, 10, 0, tzinfo=UTC)  # a Wednesday
DAYS = 16
LONG = "-and-the-refund-of-a-duplicated-annual-subscription-charged-to-a-closed-card" * 3  # 234 characters
MANAGER, LEAD, AGENT = "U0MANAGER", "U0LEAD", "U0AGENT"
ROLES = Roles(managers=[MANAGER], leads={LEAD: ["team-a"]}, agents={AGENT: "agent-1"})
BIG_CASE = "case-big"
APOLOGY = "failed on our side"


def journey_name(j: int) -> str:
    return f"journey-{j:03d}" + (LONG if j % 3 == 0 else "")


class Cases:
    def __init__(self, pairs: Sequence[tuple[Conversation, Evaluation]]) -> None:
        self.by_case: dict[str, list[tuple[Conversation, Evaluation | None]]] = {}
        for c, e in pairs:
            self.by_case.setdefault(c.case_ref, []).append((c, e))

    def case_contacts(self, case_id: str) -> list[tuple[Conversation, Evaluation | None]]:
        return sorted(self.by_case.get(case_id, []), key=lambda p: (p[0].when or NOW, p[0].id))

    def get_conversation(self, conversation_id: str) -> Conversation | None:
        return next((c for pairs in self.by_case.values() for c, _ in pairs if c.id == conversation_id), None)


class Roster:
    def get_roles(self) -> Roles | None:
        return ROLES


def world(journeys: int, contacts: int) -> BotServices:
    pairs = []
    for j in range(journeys):
        for d in range(DAYS):
            day = NOW - timedelta(days=d, hours=1)
            c = conversation(
                f"c{j}-{d}",
                case_id=f"case-{j:03d}{d:02d}",
                journey=journey_name(j),
                channel=Channel.EMAIL if d % 2 else Channel.CHAT,
                agent_id=f"agent-{1 + (j + d) % 4}",
                team="team-a" if (j + d) % 2 else "team-b",
                inquiry=f"inquiry-{d % 3}" + (LONG if d % 5 == 0 else ""),
                started_at=day,
                outcome=CaseOutcome.RESOLVED if (j + d) % 3 else CaseOutcome.ESCALATED,
            )
            pairs.append((c, evaluation(c, 1 + (j * 7 + d * 3) % 5)))
    for k in range(contacts):
        c = conversation(
            f"big-{k:03d}",
            case_id=BIG_CASE,
            journey=journey_name(0),
            agent_id="agent-1",
            team="team-a",
            started_at=NOW - timedelta(days=3, minutes=contacts - k),
            text="I was charged twice " * 40,
        )
        pairs.append((c, evaluation(c, 1 + k % 5)))
    store = FakeAggregateStore()
    fold(store, pairs, UTC)
    cases = Cases(pairs)

    def digest(period: DateRange, names: Sequence[str] | None, now: datetime) -> Digest:
        listed = list(names) if names else sorted(store.known_journeys())
        return build_digest(store, cases, listed, period, 4, all_journeys=not names, why=ExplainedWhy(store, period, 4))

    return BotServices(store, UTC, 4, lambda: NOW, cases=cases, roles=Roster(), performance=store, digest=digest)


# Every subcommand in the table, with the texts that exercise it at size (and who asks).
SCENARIOS: dict[str, list[tuple[str, str]]] = {
    "journeys": [("journeys last-30d", MANAGER), ("journeys last-30d", LEAD), ("journeys this-week share", MANAGER)],
    "journey": [(f"journey {journey_name(0)} last-30d", MANAGER), (f"journey {journey_name(0)} last-30d", AGENT)],
    "case": [(f"case {BIG_CASE}", MANAGER)],
    "export": [("export journeys last-30d", MANAGER), (f"export case {BIG_CASE}", MANAGER)],
    "why": [("why all last-week", MANAGER), (f"why {journey_name(0)} last-30d", MANAGER)],
    "calibration": [("calibration", MANAGER)],
    "admin": [("admin show", MANAGER)],
    "me": [("me", AGENT)],
    "agent": [("agent agent-1 last-30d", MANAGER)],
    "plans": [("plans", MANAGER)],
    "digest": [("digest last-week", MANAGER)],
    "help": [("help", MANAGER), ("journey " + "x" * 4000, MANAGER), ("nosuch " + "é" * 3000, MANAGER)],
}


def check_blocks(raw: list[dict[str, Any]], max_blocks: int, where: str) -> None:
    assert len(raw) <= max_blocks, f"{where}: {len(raw)} blocks"
    for block in Block.parse_all(raw):
        block.validate_json()  # what slack_sdk checks itself; then what it does not
        if isinstance(block, HeaderBlock):
            assert len(getattr(block.text, "text", "")) <= limits.HEADER_TEXT, where
        if isinstance(block, SectionBlock):
            assert block.text is None or len(block.text.text) <= limits.SECTION_TEXT, where
            assert len(block.fields or []) <= limits.FIELDS, where
            assert all(len(f.text) <= limits.FIELD_TEXT for f in block.fields or []), where
            if isinstance(block.accessory, ButtonElement):
                assert len(block.accessory.value or "") <= limits.BUTTON_VALUE, where
        if isinstance(block, ContextBlock):
            assert all(len(getattr(e, "text", "")) <= limits.SECTION_TEXT for e in block.elements), where
        if isinstance(block, ActionsBlock):
            assert len(block.elements) <= limits.ACTIONS_ELEMENTS, where
            for e in block.elements:
                if isinstance(e, ButtonElement):
                    assert (
                        len(e.value or "") <= limits.BUTTON_VALUE
                        and len(getattr(e.text, "text", "")) <= limits.BUTTON_TEXT
                    ), where


def check_message(body: dict[str, Any], where: str) -> None:
    assert APOLOGY not in body.get("text", ""), f"{where}: {body.get('text')}"
    check_blocks(body.get("blocks") or [], limits.MESSAGE_BLOCKS, where)


@pytest.fixture(scope="module")
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


_worlds: dict[tuple[int, int], App] = {}


def app_for(slack: FakeSlack, journeys: int, contacts: int) -> App:
    if (journeys, contacts) not in _worlds:
        services = world(journeys, contacts)
        _worlds[(journeys, contacts)] = build_app(services, SECRET, WebClient(token="xoxb-t", base_url=slack.api_url))
    return _worlds[(journeys, contacts)]


def ask(app: App, slack: FakeSlack, text: str, user: str) -> dict[str, Any]:
    seen = len(slack.calls_to("response_url"))
    body = slash_command_body(text, slack.response_url(), user_id=user)
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    return slack.wait_for("response_url", seen + 1)[-1].body


def press(app: App, slack: FakeSlack, view: View, user: str = MANAGER) -> dict[str, Any]:
    seen = len(slack.calls_to("response_url"))
    body = block_action_body("cx_nav:0", view.encode(), slack.response_url("act"), user)
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    return slack.wait_for("response_url", seen + 1)[-1].body


def open_home(app: App, slack: FakeSlack, user: str) -> dict[str, Any]:
    seen = len(slack.calls_to("views.publish"))
    body = event_body(home_opened_event(user))
    assert app.dispatch(BoltRequest(body=body, headers=dict(json_headers(body, SECRET)))).status == 200
    call = slack.wait_for("views.publish", seen + 1)[-1]
    view = call.body["view"]
    return json.loads(view) if isinstance(view, str) else view  # type: ignore[no-any-return]


def test_every_subcommand_in_the_table_has_a_size_scenario() -> None:
    assert set(SCENARIOS) == set(commands())


SIZES = [(1, 1), (8, 60), (40, 300), (200, 300)]  # each journey count and each contact count


@pytest.mark.parametrize(("journeys", "contacts"), SIZES)
def test_every_command_reply_fits_slack(slack: FakeSlack, journeys: int, contacts: int) -> None:
    app = app_for(slack, journeys, contacts)
    for name, scenarios in SCENARIOS.items():
        for text, user in scenarios:
            reply = ask(app, slack, text, user)
            check_message(reply, f"{name}: /cx {text[:60]} ({journeys} journeys, {contacts} contacts)")
    for call in slack.calls_to("chat.postMessage"):
        check_message(call.body, f"posted message ({journeys} journeys)")


@pytest.mark.parametrize(("journeys", "contacts"), SIZES)
def test_every_button_view_fits_slack(slack: FakeSlack, journeys: int, contacts: int) -> None:
    app = app_for(slack, journeys, contacts)
    views = {
        "journeys": [View("journeys", "last-30d", show_empty=True), View("journeys", "last-30d", page=7)],
        "journey": [View("journey", "last-30d", journey=journey_name(0)), View("journey", "last-30d", journey="x")],
        "case": [View("case", case_id=BIG_CASE), View("case", case_id=BIG_CASE, page=14)],
        "evaluation": [View("evaluation", case_id=BIG_CASE, conversation_id="big-000")],
    }
    assert set(views) == set(KINDS)
    for kind, many in views.items():
        for view in many:
            check_message(press(app, slack, view), f"{kind} page {view.page} ({journeys} journeys)")


@pytest.mark.parametrize(("journeys", "contacts"), SIZES)
@pytest.mark.parametrize("user", [MANAGER, LEAD, AGENT, "U0STRANGER"])
def test_the_home_tab_fits_slack_for_every_role(slack: FakeSlack, journeys: int, contacts: int, user: str) -> None:
    view = open_home(app_for(slack, journeys, contacts), slack, user)

    SlackView(**view).validate_json()
    assert view["type"] == "home"
    check_blocks(view["blocks"], limits.SURFACE_BLOCKS, f"home of {user} ({journeys} journeys)")


def test_a_case_of_300_contacts_pages_them_and_says_how_many(slack: FakeSlack) -> None:
    app = app_for(slack, 1, 300)
    first = ask(app, slack, f"case {BIG_CASE}", MANAGER)
    text = json.dumps(first["blocks"])

    assert "300 contacts: page 1 of 15" in text
    assert sum(1 for b in first["blocks"] if b.get("block_id", "").startswith("contact-")) == 20


def test_journeys_page_and_carry_a_totals_row_of_every_journey(slack: FakeSlack) -> None:
    app = app_for(slack, 40, 1)
    reply = ask(app, slack, "journeys last-30d", MANAGER)
    tables = [b["text"]["text"] for b in reply["blocks"] if b["type"] == "section" and "```" in b["text"]["text"]]

    assert "40 journeys: page 1 of 2" in json.dumps(reply["blocks"])
    [totals] = [line for t in tables for line in t.splitlines() if line.startswith("all journeys")]
    # every journey has one case a day for the 16 days and the case of one contact: 40 * 16 + 1 cases
    assert totals.split()[2] == str(40 * DAYS + 1)


def test_the_digest_chart_with_40_journeys_stays_a_sane_size_with_titles_that_fit() -> None:
    from PIL import Image

    from cx.ranges import parse_range
    from cxbot.charts.small_multiples import TITLE_CHARS, render_png
    from cxbot.render.digest import digest_chart

    services = world(40, 1)
    assert services.digest is not None
    chart = digest_chart(services.digest(parse_range("last-week", NOW, UTC), None, NOW))
    width, height = Image.open(io.BytesIO(render_png(chart))).size

    assert len(chart.panels) == 12 and any("29 more journeys not drawn" in n for n in chart.notes)
    assert width <= 800 and height <= 800  # was 780 x 2,450 with a panel per journey
    assert all(p.title[:4].replace(".", "").isdigit() or p.title.startswith("–") for p in chart.panels)
    assert max(len(p.title) for p in chart.panels) > TITLE_CHARS  # long names are there, and cut when drawn
