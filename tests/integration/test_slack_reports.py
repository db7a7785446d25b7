"""The report hierarchy through the real Bolt app: journeys -> journey -> case -> evaluation, with
buttons, breadcrumb and pages, exports, filters and roles; what Slack receives is checked at the fake server."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from support.demo_people import DEMO_AGENT, DEMO_LEAD, DEMO_LEAD_TEAM, SLACK_DEMO_NOW
from support.direct import journey_figures
from support.slack_views import all_text, button, buttons, csv_rows

from cx.config import Settings
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ranges import parse_range
from cxbot.render.journeys import NAME_WIDTH
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import block_action_body, signed_headers, slash_command_body

SECRET = "test-signing-secret"
Pairs = list[tuple[Conversation, Evaluation]]


@pytest.fixture
def pairs(slack_demo: tuple[Settings, dict[str, Any]]) -> Pairs:
    return slack_demo[1]["pairs"]  # type: ignore[no-any-return]


def ask(app: App, slack: FakeSlack, text: str, user: str = "U0MANAGER") -> dict[str, Any]:
    seen = len(slack.calls_to("response_url"))
    body = slash_command_body(text, slack.response_url(), user_id=user)
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    return slack.wait_for("response_url", seen + 1)[-1].body


def click(app: App, slack: FakeSlack, message: dict[str, Any], label: str, user: str = "U0MANAGER") -> dict[str, Any]:
    pressed = button(message, label)
    seen = len(slack.calls_to("response_url"))
    body = block_action_body(
        pressed["action_id"], pressed["value"], slack.response_url("act"), user, block_id=pressed["block_id"]
    )
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    return slack.wait_for("response_url", seen + 1)[-1].body


def last_week() -> tuple[Any, Any]:
    period = parse_range("last-week", SLACK_DEMO_NOW, UTC)
    return period.start, period.end


def case_scores(pairs: Pairs, journey: str) -> dict[str, list[int]]:
    """Last week's cases of a journey with their contacts' scores, straight from the raw data."""
    start, end = last_week()
    scores: dict[str, list[int]] = defaultdict(list)
    for c, e in pairs:
        day = (c.case_opened_at or c.when).astimezone(UTC).date()  # type: ignore[union-attr]
        if c.journey == journey and start <= day <= end and c.case_outcome is not None:
            scores[c.case_ref].append(e.cx_score)
    return scores


def test_journeys_table_matches_the_raw_evaluations_and_is_only_for_the_asker(
    app: App, slack: FakeSlack, pairs: Pairs
) -> None:
    reply = ask(app, slack, "journeys last-week")

    start, end = last_week()
    assert reply["response_type"] == "ephemeral"
    table = all_text(reply)
    journeys = {c.journey for c, _ in pairs if c.journey}
    for journey in journeys:
        direct = journey_figures(pairs, journey, start, end, UTC, 4)
        row = next(line for line in table.splitlines() if line.startswith(journey[:NAME_WIDTH] + " "))
        assert row.split()[1:4] == [str(direct.cases), str(direct.evaluations), f"{direct.average:.2f}"]
    assert {b["text"]["text"] for b in buttons(reply)} >= journeys | {"Show empty", "Export CSV"}


def test_share_posts_the_reply_in_the_channel(app: App, slack: FakeSlack) -> None:
    assert ask(app, slack, "journeys last-week share")["response_type"] == "in_channel"


def test_drill_down_from_all_journeys_to_an_evaluation_and_back_up(app: App, slack: FakeSlack, pairs: Pairs) -> None:
    journeys = ask(app, slack, "journeys last-week")
    journey = click(app, slack, journeys, "billing")
    assert journey["replace_original"] is True
    assert journey["blocks"][0]["text"]["text"] == "Journey: billing"
    assert "All journeys › *billing*" in all_text(journey)

    scores = case_scores(pairs, "billing")
    worst = min(scores, key=lambda k: (sum(scores[k]) / len(scores[k]), -len(scores[k])))
    first_case = next(b for b in buttons(journey) if b["text"]["text"] == "Open")
    assert first_case["block_id"] == "case-0"
    first_line = next(b["text"]["text"] for b in journey["blocks"] if b.get("block_id") == "case-0")
    assert f"CX {sum(scores[worst]) / len(scores[worst]):.2f}" in first_line
    assert f"Cases, worst first* ({len(scores)})" in all_text(journey)

    case = click(app, slack, journey, "Open")
    case_id = case["blocks"][0]["text"]["text"].removeprefix("Case ")
    contacts = [(c, e) for c, e in pairs if c.case_ref == case_id]
    assert "All journeys › billing › *case" in all_text(case)
    assert f"*Contacts*\n{len(contacts)}" in all_text(case)
    assert len([b for b in buttons(case) if b["text"]["text"] == "Evaluation"]) == len(contacts)

    evaluation = click(app, slack, case, "Evaluation")
    conversation, scored = min(contacts, key=lambda p: p[0].when)  # type: ignore[arg-type,return-value]
    text = all_text(evaluation)
    assert evaluation["blocks"][0]["text"]["text"] == f"Evaluation: {conversation.id}"
    assert f"*CX score*\n{scored.cx_score} / 5" in text
    for reason in scored.reasons:
        assert reason.summary in text
        assert all(e.quote.splitlines()[0] in text for e in reason.evidence)

    rate = button(evaluation, "Rate this")  # a reviewer's label starts from the evaluation itself
    body = block_action_body(rate["action_id"], rate["value"], slack.response_url("rate"), block_id=rate["block_id"])
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    modal = slack.wait_for("views.open")[0].body
    view = modal["view"] if isinstance(modal["view"], dict) else json.loads(modal["view"])
    assert view["callback_id"] == "rate_evaluation"
    assert json.loads(view["private_metadata"]) == {"conversation_id": conversation.id, "evaluation_id": scored.id}

    back = click(app, slack, evaluation, "↑ billing")
    assert back["blocks"][0]["text"]["text"] == "Journey: billing"
    top = click(app, slack, back, "↑ All journeys")
    assert top["blocks"][0]["text"]["text"] == "CX by journey"


def test_cases_come_a_page_at_a_time(app: App, slack: FakeSlack, pairs: Pairs) -> None:
    first = ask(app, slack, "journey billing last-week")
    pages = -(-len(case_scores(pairs, "billing")) // 8)
    assert f"Cases: page 1 of {pages}" in all_text(first)

    second = click(app, slack, first, "Next ▶")

    def case_ids(message: dict[str, Any]) -> list[str]:
        return [b["text"]["text"].split("*")[1] for b in message["blocks"] if b.get("block_id", "").startswith("case-")]

    assert f"Cases: page 2 of {pages}" in all_text(second)
    assert case_ids(second) and not set(case_ids(first)) & set(case_ids(second))
    assert case_ids(click(app, slack, second, "◀ Previous")) == case_ids(first)


def test_show_empty_lists_journeys_without_cases(app: App, slack: FakeSlack) -> None:
    reply = ask(app, slack, "journeys 2026-11-17..2026-11-17")  # one day: some journeys have no case
    shown = click(app, slack, reply, "Show empty")
    assert "*No cases in range:*" in all_text(shown)
    assert button(shown, "Hide empty")


def test_case_command_shows_contacts_outcome_and_scores(app: App, slack: FakeSlack, pairs: Pairs) -> None:
    conversation, _ = pairs[0]
    contacts = [(c, e) for c, e in pairs if c.case_ref == conversation.case_ref]
    reply = ask(app, slack, f"case {conversation.case_ref}")
    text = all_text(reply)
    average = sum(e.cx_score for _, e in contacts) / len(contacts)
    assert f"*Average CX score*\n{average:.2f}" in text
    for c, e in contacts:
        assert f"CX {e.cx_score}" in text and c.channel.value in text


def test_channel_filter_counts_only_that_channels_evaluations(app: App, slack: FakeSlack, pairs: Pairs) -> None:
    reply = ask(app, slack, "journey billing last-week channel:chat")
    start, end = last_week()
    chats = [(c, e) for c, e in pairs if c.channel.value == "chat"]
    direct = journey_figures(chats, "billing", start, end, UTC, 4)
    text = all_text(reply)
    assert f"*Evaluations*\n{direct.evaluations}" in text
    assert f"*Average CX score*\n{direct.average:.2f}" in text
    assert "Filtered to channel: chat" in text


def test_export_uploads_the_journeys_csv_to_the_askers_dm(app: App, slack: FakeSlack, pairs: Pairs) -> None:
    reply = ask(app, slack, "export journeys last-week")

    [upload] = slack.uploads()
    assert upload.channel == "D0U0MANAGER" and upload.filename == "cx-journeys-last-week.csv"
    assert "your direct messages" in all_text(reply) and reply["response_type"] == "ephemeral"
    start, end = last_week()
    rows = csv_rows(upload.content)
    assert {r["journey"] for r in rows} == {c.journey for c, _ in pairs if c.journey}
    for row in rows:
        direct = journey_figures(pairs, row["journey"], start, end, UTC, 4)
        assert int(row["evaluations"]) == direct.evaluations and int(row["cases"]) == direct.cases
        assert float(row["avg_cx"]) == pytest.approx(direct.average, abs=5e-5)  # rounded to 4 places
        assert float(row["pass_rate"]) == pytest.approx(direct.pass_rate, abs=5e-5)
        assert all(len(row[c].partition(".")[2]) <= 4 for c in ("avg_cx", "pass_rate", "avg_cx_change"))
        assert {o: int(row[f"outcome_{o}"]) for o in direct.outcomes} == direct.outcomes


def test_export_of_a_journey_shared_goes_to_the_channel_with_its_days_and_cases(
    app: App, slack: FakeSlack, pairs: Pairs
) -> None:
    ask(app, slack, "export journey billing last-week share")

    uploads = {u.filename: u for u in slack.uploads()}
    days = csv_rows(uploads["cx-journey-billing-last-week-days.csv"].content)
    cases = csv_rows(uploads["cx-journey-billing-last-week-cases.csv"].content)
    assert {u.channel for u in uploads.values()} == {"C0CXDEMO"}
    assert len(days) == 7
    start, end = last_week()
    assert sum(int(d["evaluations"]) for d in days) == journey_figures(pairs, "billing", start, end, UTC, 4).evaluations
    scores = case_scores(pairs, "billing")
    assert {r["case_id"]: int(r["evaluations"]) for r in cases} == {k: len(v) for k, v in scores.items()}
    averages = [float(r["avg_cx"]) for r in cases]
    assert averages == sorted(averages), "worst first"


def test_a_team_lead_sees_their_team_only_and_is_refused_other_teams(app: App, slack: FakeSlack, pairs: Pairs) -> None:
    own = ask(app, slack, "journey billing last-week", user=DEMO_LEAD)
    start, end = last_week()
    team_pairs = [(c, e) for c, e in pairs if c.team == DEMO_LEAD_TEAM]
    direct = journey_figures(team_pairs, "billing", start, end, UTC, 4)
    assert f"*Evaluations*\n{direct.evaluations}" in all_text(own)
    assert f"Filtered to team: {DEMO_LEAD_TEAM}" in all_text(own)

    other = ask(app, slack, "journeys last-week team:accounts", user=DEMO_LEAD)
    assert "you can only see your teams'" in all_text(other)
    assert "Evaluations" not in all_text(other) and not buttons(other)


def test_an_agent_sees_only_their_own_scores_and_cases(app: App, slack: FakeSlack, pairs: Pairs) -> None:
    own = ask(app, slack, "journeys last-week", user=DEMO_AGENT)
    assert "agent: U0AGENT01" in all_text(own)

    other_agent = ask(app, slack, "journey billing last-week agent:<@U0AGENT02|bo>", user=DEMO_AGENT)
    assert "you can only see your own figures" in all_text(other_agent)

    not_theirs = next(
        c for c, _ in pairs if all(o.agent_id != DEMO_AGENT for o, _ in pairs if o.case_ref == c.case_ref)
    )
    refused = ask(app, slack, f"case {not_theirs.case_ref}", user=DEMO_AGENT)
    assert "among the cases you may see" in all_text(refused) and "CX" not in all_text(refused)
    missing = ask(app, slack, "case NO-SUCH-CASE", user=DEMO_AGENT)
    same = all_text(refused).replace(not_theirs.case_ref, "X") == all_text(missing).replace("NO-SUCH-CASE", "X")
    assert same, "someone else's case and a missing one get the same answer: nothing told of others' cases"


def test_someone_without_a_role_gets_a_polite_refusal_and_no_data(app: App, slack: FakeSlack) -> None:
    reply = ask(app, slack, "journeys last-week", user="U0STRANGER")
    assert "don't have a CX reporting role" in all_text(reply)
    assert len(reply["blocks"]) == 1 and not buttons(reply)


def test_a_manager_filters_a_journey_by_agent_mention(app: App, slack: FakeSlack, pairs: Pairs) -> None:
    start, end = last_week()
    billing_agents = [c.agent_id for c, _ in pairs if c.journey == "billing" and c.agent_id]
    agent = max(set(billing_agents), key=billing_agents.count)
    reply = ask(app, slack, f"journey billing last-week agent:<@{agent}|someone>")
    direct = journey_figures([(c, e) for c, e in pairs if c.agent_id == agent], "billing", start, end, UTC, 4)
    text = all_text(reply)
    assert f"Filtered to agent: {agent}" in text
    assert direct.evaluations > 0 and f"*Evaluations*\n{direct.evaluations}" in text
