"""`/cx why` on the ground-truth scenarios, through the real Bolt app against DynamoDB Local: each scenario's
planted cause is named first, noise is called noise; the digest's Why? button gives the same answer."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from support.scorers import StricterOfflineScorer
from support.slack_views import all_text, button

from cx.access import Roles
from cx.bootstrap import build_pipeline, build_stores
from cx.config import Settings
from cx.demo.generator import generate
from cx.demo.scenarios import SCENARIOS
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ranges import parse_range
from cx.scoring.factor_words import WORDS, factor_words
from cx.scoring.offline import OfflineScorer
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxbot.navigation import View
from cxbot.render.nav import NAV_ACTION
from cxlocal.dynamodb_local import local_client
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import block_action_body, signed_headers, slash_command_body
from cxlocal.template_tables import create_tables

SECRET = "why-signing-secret"
END = date(2026, 11, 15)  # a Sunday: `last-week` on the Monday after is the scenario's current period
NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
SEED = 3
Pairs = list[tuple[Conversation, Evaluation]]


class Loaded:
    def __init__(self, settings: Settings, pairs: Pairs, seconds: float) -> None:
        self.settings, self.pairs, self.seconds = settings, pairs, seconds


@pytest.fixture(scope="module")
def scenario_data(dynamodb_endpoint: str) -> Iterator[dict[str, Loaded]]:
    """Each scenario generated, scored with the offline scorer and folded into its own tables, on first use."""
    client = local_client(dynamodb_endpoint)
    loaded: dict[str, Loaded] = {}
    created: list[str] = []

    class Lazy(dict[str, Loaded]):
        def __missing__(self, name: str) -> Loaded:
            started = time.perf_counter()
            names = create_tables(client, prefix=f"w{uuid.uuid4().hex[:10]}")
            created.extend(names.values())
            settings = Settings.from_env(
                {
                    "CX_CONVERSATIONS_TABLE": names["ConversationsTable"],
                    "CX_EVALUATIONS_TABLE": names["EvaluationsTable"],
                    "CX_AGGREGATES_TABLE": names["AggregatesTable"],
                    "CX_DYNAMODB_ENDPOINT": dynamodb_endpoint,
                }
            )
            scenario = SCENARIOS[name]
            conversations = generate(END, seed=SEED, scenario=name).conversations
            switch = scenario.rescore_from(END)
            before = [c for c in conversations if switch is None or (c.when and c.when.date() < switch)]
            after = [c for c in conversations if c not in before]
            pairs: Pairs = []
            for part, scorer in ((before, OfflineScorer()), (after, StricterOfflineScorer())):
                report = build_pipeline(settings, clock=lambda: NOW, scorer=scorer).process(part)
                evaluations = {c.id: e for c, e in report.pairs}  # what was stored, not scored a second time
                pairs += [(c, evaluations[c.id]) for c in part]
            build_stores(settings).roles.put_roles(Roles(managers=["U0MANAGER"], leads={"U0LEAD": ["accounts"]}))
            self[name] = Loaded(settings, pairs, time.perf_counter() - started)
            return self[name]

    data = Lazy(loaded)
    yield data
    for table in created:
        client.delete_table(TableName=table)


def bolt(loaded: Loaded, slack: FakeSlack) -> App:
    services = build_services(loaded.settings, clock=lambda: NOW)
    return build_app(services, SECRET, WebClient(token="xoxb-test", base_url=slack.api_url))


def ask(app: App, slack: FakeSlack, text: str, user: str = "U0MANAGER") -> tuple[dict[str, Any], float]:
    seen = len(slack.calls_to("response_url"))
    body = slash_command_body(text, slack.response_url(), user_id=user)
    started = time.perf_counter()
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    acknowledged = time.perf_counter() - started
    return slack.wait_for("response_url", seen + 1)[-1].body, acknowledged


def section(text: str, number: int) -> str:
    """The text of section ``number`` (1. Is it real? … 4. … scorer?) of the answer."""
    start = text.index(f"*{number}. ")
    end = text.find(f"*{number + 1}. ", start)
    return text[start : end if end > 0 else None]


def first_item(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("1. "))


def shares(pairs: Pairs, keep: Any) -> tuple[float, float]:
    """(previous, current) share of the journey's evaluations that ``keep`` accepts, from the raw data."""
    period = parse_range("last-week", NOW, UTC)
    before = period.previous()
    out = []
    for when in (before, period):
        days = [
            (c, e)
            for c, e in pairs
            if c.case_outcome and when.start <= (c.case_opened_at or c.when).date() <= when.end  # type: ignore[union-attr]
        ]
        out.append(sum(1 for c, _ in days if keep(c)) / len(days))
    return out[0], out[1]


def test_mix_shift_names_the_channel_mix_first(scenario_data: dict[str, Loaded], slack: FakeSlack) -> None:
    loaded = scenario_data["mix-shift"]
    reply, acknowledged = ask(bolt(loaded, slack), slack, "why billing last-week")

    text = all_text(reply)
    assert acknowledged < 3.0
    assert "Verdict: *a real drop*" in section(text, 1)
    before, after = shares(loaded.pairs, lambda c: c.channel.value == "chat")
    assert first_item(section(text, 2)).startswith(
        f"1. channel mix: more chat ({before * 100:.0f}% → {after * 100:.0f}% of evaluations), which scores lower"
    )


def test_a_teams_rate_drop_names_that_team_first(scenario_data: dict[str, Loaded], slack: FakeSlack) -> None:
    loaded = scenario_data["team-rate-drop"]
    reply, _ = ask(bolt(loaded, slack), slack, "why billing last-week")

    text = all_text(reply)
    assert "Verdict: *a real drop*" in section(text, 1)
    assert first_item(section(text, 2)).startswith("1. team billing-payments scoring lower")


def test_a_new_reason_factor_comes_first_with_examples_that_open_their_case(
    scenario_data: dict[str, Loaded], slack: FakeSlack
) -> None:
    loaded = scenario_data["new-reason"]
    app = bolt(loaded, slack)
    reply, _ = ask(app, slack, "why billing last-week")

    what = section(all_text(reply), 3)
    # planted on the current week's cases only, so none before: the factor reads as new
    assert first_item(what).startswith("1. *Agent was rude or dismissive, new this period: in ")
    quotes = re.findall(r"“(.+?)” — CX (\d), case `(.+?)`", what.split("\n2. ")[0])
    assert 2 <= len(quotes) <= 3
    evaluations = {c.case_ref: e for c, e in loaded.pairs}
    for quote, _, case_id in quotes:  # each quote is evidence of that factor in a conversation of that case
        evidence = [
            ev.quote
            for c, e in loaded.pairs
            if c.case_ref == case_id
            for r in e.reasons
            if r.factor == "rude_or_dismissive_agent"
            for ev in r.evidence
        ]
        assert quote in [q.replace("\n", " ") for q in evidence], (case_id, evaluations[case_id])

    opened = button(reply, f"Open case {quotes[0][2]}")
    seen = len(slack.calls_to("response_url"))
    body = block_action_body(opened["action_id"], opened["value"], slack.response_url("act"), block_id="x")
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    case = slack.wait_for("response_url", seen + 1)[-1].body
    assert case["blocks"][0]["text"]["text"] == f"Case {quotes[0][2]}"


def engine_phrases() -> list[str]:
    """Every factor as the scorer names it (``rude_or_dismissive_agent``) or spaced out (``rude or dismissive
    agent``), unless that is inside its own words ("partly resolved" in "Only partly resolved")."""
    ids = [f for f in WORDS if "_" in f]  # one-word ids ("unresolved") are also plain words: a case's outcome
    return ids + [f.replace("_", " ") for f in ids if f.replace("_", " ") not in factor_words(f).lower()]


def test_why_and_the_digest_say_each_factor_in_the_evaluation_views_words_never_the_engines(
    scenario_data: dict[str, Loaded], slack: FakeSlack
) -> None:
    loaded = scenario_data["new-reason"]
    app = bolt(loaded, slack)
    why = all_text(ask(app, slack, "why billing last-week")[0])
    digest = all_text(ask(app, slack, "digest last-week")[0])
    slack.wait_for("files.completeUploadExternal", 2)  # why's chart and the digest's follow the text

    assert "Agent was rude or dismissive" in section(why, 3) and "Agent was rude or dismissive" in digest
    for phrase in engine_phrases():
        assert phrase not in why and phrase not in digest, phrase
    # the words are the evaluation view's: open the evaluation of a quoted conversation
    case_id = re.findall(r"case `(.+?)`", section(why, 3))[0]
    conversation = next(
        c
        for c, e in loaded.pairs
        if c.case_ref == case_id and any(r.factor == "rude_or_dismissive_agent" for r in e.reasons)
    )
    view = View("evaluation", case_id=case_id, conversation_id=conversation.id)
    seen = len(slack.calls_to("response_url"))
    body = block_action_body(f"{NAV_ACTION}:0", view.encode(), slack.response_url("nav"), "U0MANAGER")
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    evaluation_view = all_text(slack.wait_for("response_url", seen + 1)[-1].body)
    assert "*Agent was rude or dismissive*:" in evaluation_view


def test_a_scorer_change_is_named_first_and_compared_like_for_like(
    scenario_data: dict[str, Loaded], slack: FakeSlack
) -> None:
    loaded = scenario_data["scorer-change"]
    reply, _ = ask(bolt(loaded, slack), slack, "why billing last-week")

    switch = SCENARIOS["scorer-change"].rescore_from(END)
    assert switch is not None
    headline = reply["blocks"][2]["text"]["text"]
    assert f"but the scorer changed on {switch:%a %d %b}" in headline
    assert "not like for like" in headline
    assert re.search(r"on offline@1\.0\.0/\S+ alone: within noise", headline)
    scorer = section(all_text(reply), 4)
    assert f"◆ {switch:%a %d %b}: offline@1.0.0" in scorer
    slack.wait_for("files.completeUploadExternal")  # the chart follows the text answer
    chart = slack.uploads()[-1]
    assert chart.content.startswith(b"\x89PNG") and chart.channel == "D0U0MANAGER"


def test_noise_is_called_within_noise(scenario_data: dict[str, Loaded], slack: FakeSlack) -> None:
    loaded = scenario_data["noise"]
    reply, _ = ask(bolt(loaded, slack), slack, "why all last-week")

    assert "within noise" in reply["blocks"][2]["text"]["text"]
    assert "Verdict: *within noise*" in section(all_text(reply), 1)
    assert reply["blocks"][0]["text"]["text"] == "Why did CX move? all journeys"


def test_the_digest_why_button_answers_the_clicker_with_the_same_explanation(
    scenario_data: dict[str, Loaded], slack: FakeSlack
) -> None:
    loaded = scenario_data["team-rate-drop"]
    app = bolt(loaded, slack)
    asked, _ = ask(app, slack, "why billing last-week")

    seen = len(slack.calls_to("response_url"))
    value = json.dumps({"journey": "billing", "range": "last-week"})
    body = block_action_body("cx_why", value, slack.response_url("digest"), block_id="movers")
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    clicked = slack.wait_for("response_url", seen + 1)[-1].body

    assert clicked["response_type"] == "ephemeral" and clicked["replace_original"] is False
    assert clicked["text"] == asked["text"]
    assert all_text(clicked).split("\n")[:8] == all_text(asked).split("\n")[:8]


def test_why_is_for_managers_and_bad_input_says_what_to_fix(scenario_data: dict[str, Loaded], slack: FakeSlack) -> None:
    app = bolt(scenario_data["noise"], slack)

    assert "only managers" in all_text(ask(app, slack, "why billing last-week", user="U0LEAD")[0])
    assert "Did you mean `billing`" in all_text(ask(app, slack, "why biling last-week")[0])
    assert "needs a journey or `all`" in all_text(ask(app, slack, "why")[0])


def test_journey_trend_and_journeys_table_mark_the_scorer_change(
    scenario_data: dict[str, Loaded], slack: FakeSlack
) -> None:
    app = bolt(scenario_data["scorer-change"], slack)
    switch = SCENARIOS["scorer-change"].rescore_from(END)
    assert switch is not None

    journey = all_text(ask(app, slack, "journey billing last-week")[0])
    day_row = next(line for line in journey.splitlines() if line.startswith(f"{switch:%a %d %b}  "))
    assert day_row.endswith("◆ scorer → offline@1.1.0/vader-3.3.2/offline-v1-strict")
    assert f"◆ {switch:%a %d %b}: scorer offline@1.0.0/vader-3.3.2/offline-v1 → offline@1.1.0" in journey

    table = all_text(ask(app, slack, "journeys last-week")[0])
    assert next(line for line in table.splitlines() if line.startswith("billing ")).split()[1] == "◆"
    assert "more than one scorer version" in table

    steady = all_text(ask(bolt(scenario_data["noise"], slack), slack, "journeys last-week")[0])
    assert "◆" not in steady


def test_the_slice_catalog_lists_each_journeys_slices_and_no_extra_journeys(scenario_data: dict[str, Loaded]) -> None:
    loaded = scenario_data["noise"]
    store = build_stores(loaded.settings).aggregates

    assert store.known_journeys() == {c.journey for c, _ in loaded.pairs if c.journey}
    expected = {(c.journey, "team", c.team) for c, _ in loaded.pairs if c.journey and c.team}
    expected |= {(c.journey, "inquiry", c.inquiry) for c, _ in loaded.pairs if c.journey and c.inquiry}
    found = store.segments()
    assert {s for s in found if s[1] in ("team", "inquiry")} == expected
    assert {s[2] for s in store.segments("scorer")} == {"offline@1.0.0/vader-3.3.2/offline-v1"}


def test_the_digest_names_a_movers_cause_with_the_explanation_engine(scenario_data: dict[str, Loaded]) -> None:
    from cx.bootstrap import build_stores
    from cx.digest.why import ExplainedWhy
    from cx.ranges import parse_range

    loaded = scenario_data["team-rate-drop"]
    period = parse_range("last-week", NOW, UTC)
    line = ExplainedWhy(build_stores(loaded.settings).aggregates, period, 4)("billing", -1.0)
    assert line is not None and line.startswith("a real drop, average CX ")
    assert "; mostly team billing-payments scoring lower" in line


def where_items(text: str) -> list[str]:
    return [line for line in section(text, 2).splitlines() if re.match(r"\d\. ", line)]


def test_one_teams_chat_is_named_as_the_cell_and_can_be_asked_about_with_two_filters(
    scenario_data: dict[str, Loaded], slack: FakeSlack
) -> None:
    """A leader must read first: team billing-payments × channel chat (not the team alone, not chat alone)."""
    app = bolt(scenario_data["team-chat-only"], slack)
    text = all_text(ask(app, slack, "why billing last-week")[0])

    items = where_items(text)
    assert re.match(
        r"1\. (team billing-payments × channel chat|channel chat × team billing-payments) scoring lower", items[0]
    )
    assert not any(re.match(r"\d\. (team billing-payments|channel chat) scoring", line) for line in items)
    assert "Not explained by these:" in section(text, 2)

    sliced = ask(app, slack, "why billing last-week team:billing-payments channel:chat")[0]
    assert sliced["blocks"][0]["text"]["text"] == "Why did CX move? billing team:billing-payments channel:chat"
    assert "Verdict: *a real drop*" in section(all_text(sliced), 1)
    other = all_text(ask(app, slack, "why billing last-week team:billing-payments channel:email")[0])
    assert "Verdict: *a real drop*" not in section(other, 1)
    assert "up to 2" in all_text(ask(app, slack, "why billing team:a channel:chat agent:U1")[0])


def test_a_mix_shift_inside_one_journey_seen_from_all_is_that_journeys_channel_mix(
    scenario_data: dict[str, Loaded], slack: FakeSlack
) -> None:
    """A leader must read first: billing's channel mix (more chat), not chat scoring lower."""
    text = all_text(ask(bolt(scenario_data["mix-inside-journey"], slack), slack, "why all last-week")[0])

    items = where_items(text)
    assert items[0].startswith("1. channel mix in journey billing: more chat (")
    assert not any(line[3:].startswith("channel chat scoring") for line in items)


def test_the_journeys_table_marks_a_small_journeys_real_drop_and_the_others_noise(
    scenario_data: dict[str, Loaded], slack: FakeSlack
) -> None:
    """A leader must read first: cancellation's drop is real though it is small; the others' swings are noise."""
    table = all_text(ask(bolt(scenario_data["small-journey-drop"], slack), slack, "journeys last-week")[0])

    marks = {
        line.split()[0]: line.split()[6]
        for line in table.splitlines()
        if line.split()[:1] and line.split()[0] in SCENARIOS["small-journey-drop"].journeys
    }
    assert marks.pop("cancellation") == "real"
    assert set(marks.values()) == {"noise"}


def test_journey_with_two_filters_counts_that_cells_evaluations_cases_and_outcomes(
    scenario_data: dict[str, Loaded], slack: FakeSlack
) -> None:
    """`/cx journey billing last-week team:billing-payments channel:chat`: the figures of the raw contacts of that
    team's chat, each case counted once in the cell of its latest contact; a lead may not ask about another team."""
    loaded = scenario_data["team-chat-only"]
    app = bolt(loaded, slack)
    period = parse_range("last-week", NOW, UTC)
    in_period = [(c, e) for c, e in loaded.pairs if c.case_when and period.start <= c.case_when.date() <= period.end]
    latest: dict[str, Conversation] = {}
    for c, _ in sorted(in_period, key=lambda p: (p[0].when or NOW, p[0].id)):
        latest[c.case_ref] = c

    def expected(team: str, channel: str) -> tuple[int, int, dict[str, int]]:
        contacts = [c for c, _ in in_period if c.team == team and c.channel.value == channel]
        cases = [c for c in latest.values() if c.team == team and c.channel.value == channel and c.case_outcome]
        outcomes: dict[str, int] = {}
        for c in cases:
            assert c.case_outcome is not None
            outcomes[c.case_outcome.value] = outcomes.get(c.case_outcome.value, 0) + 1
        return len(contacts), len(cases), outcomes

    def figures(text: str) -> tuple[int, int, dict[str, int]]:
        evaluations = int(re.search(r"\*Evaluations\*\n(\d+)", text).group(1))  # type: ignore[union-attr]
        cases = int(re.search(r"\*Cases\*\n(\d+)", text).group(1))  # type: ignore[union-attr]
        outcomes = {name: int(n) for name, n in re.findall(r"(\w+) \d+% \((\d+)\)", text)}
        return evaluations, cases, outcomes

    reply = all_text(ask(app, slack, "journey billing last-week team:billing-payments channel:chat")[0])
    assert figures(reply) == expected("billing-payments", "chat")
    assert expected("billing-payments", "chat")[1] > 10
    assert "Filtered to team: billing-payments · channel: chat." in reply
    assert "Cases are listed for one filter at a time" in reply

    team = figures(all_text(ask(app, slack, "journey billing last-week team:billing-payments")[0]))
    by_channel = [
        figures(all_text(ask(app, slack, f"journey billing last-week team:billing-payments channel:{ch}")[0]))
        for ch in ("chat", "email", "voice")
    ]
    assert team[:2] == (sum(f[0] for f in by_channel), sum(f[1] for f in by_channel))  # the cells add up to the team

    refused = all_text(ask(app, slack, "journey billing last-week team:billing-payments channel:chat", "U0LEAD")[0])
    assert "you can only see your teams' figures (accounts)" in refused
    assert "up to 2" in all_text(ask(app, slack, "journey billing team:a channel:chat agent:U1")[0])


def test_the_shares_of_the_change_add_up_and_the_headline_and_body_give_the_same_change(
    scenario_data: dict[str, Loaded], slack: FakeSlack
) -> None:
    loaded = scenario_data["team-rate-drop"]
    text = all_text(ask(bolt(loaded, slack), slack, "why billing last-week")[0])

    # each cause on what the ones above leave, then the rest: the parts are of one change, not overlapping
    shares = [int(s) for s in re.findall(r"(-?\d+)% of the change", section(text, 2))]
    assert len(shares) >= 2 and abs(sum(shares) - 100) <= len(shares), section(text, 2)
    head = re.search(r"average CX (\d\.\d\d) → (\d\.\d\d) \(([-+]\d\.\d\d)\)", text.split("*1. ")[0])
    body = re.search(r"Average CX (\d\.\d\d) → \*(\d\.\d\d)\* \(([▲▼]) (\d\.\d\d)", section(text, 1))
    assert head is not None and body is not None, text
    assert head.group(1, 2) == body.group(1, 2) and abs(float(head.group(3))) == float(body.group(4))
