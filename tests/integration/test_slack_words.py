"""People's words through the real Bolt app: typos get one line with a did-you-mean, pasted dashes, quotes and
spoken ranges read as typed, unknown filter values are said unknown with the closest known one, case ids are found
in any letter case or as a bare number."""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from support.slack_views import all_text

from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body

SECRET = "words-signing-secret"


def ask(app: App, slack: FakeSlack, text: str, user: str = "U0MANAGER") -> dict[str, Any]:
    seen = len(slack.calls_to("response_url"))
    body = slash_command_body(text, slack.response_url(), user_id=user)
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    return slack.wait_for("response_url", seen + 1)[-1].body


def test_a_mistyped_subcommand_gets_one_line_with_the_right_one(app: App, slack: FakeSlack) -> None:
    reply = ask(app, slack, "journy billing last-week")

    assert len(reply["blocks"]) == 1
    assert "Did you mean `/cx journey`?" in all_text(reply) and "/cx why" not in all_text(reply)


@pytest.mark.parametrize(
    "typed",
    [
        "journey billing last week",  # a spoken range
        "journey billing last\u2011week",  # a non-breaking hyphen, as Slack's editor pastes it
        "journey \u201cbilling\u201d last-week",  # smart quotes
        "journey `billing` last-week",  # backticks
        "journey\u00a0billing last-week",  # a non-breaking space
    ],
)
def test_pasted_and_spoken_forms_answer_as_the_plain_command(app: App, slack: FakeSlack, typed: str) -> None:
    plain = ask(app, slack, "journey billing last-week")
    reply = ask(app, slack, typed)

    assert reply["blocks"][0]["text"]["text"] == "Journey: billing"
    assert all_text(reply) == all_text(plain)


def test_a_mistyped_range_suggests_the_named_one(app: App, slack: FakeSlack) -> None:
    assert "Did you mean `last-week`?" in all_text(ask(app, slack, "journey billing last-weak"))


@pytest.mark.parametrize("typed", ["team:billing-paymnts", "channel:chta"])
def test_an_unknown_filter_value_is_said_unknown_with_the_closest(app: App, slack: FakeSlack, typed: str) -> None:
    text = all_text(ask(app, slack, f"journeys last-week {typed}"))
    name = typed.split(":")[0]

    assert f"I don't know the {name} `{typed.split(':')[1]}`" in text
    assert "try a longer range" not in text.lower()
    assert {"team": "Did you mean `team:billing-payments`?", "channel": "Did you mean `channel:chat`?"}[name] in text


@pytest.mark.parametrize("typed", ["CASE-000029", "case-000029", "case-29", "29", "Case-0029"])
def test_a_case_is_found_in_any_letter_case_or_by_its_number(app: App, slack: FakeSlack, typed: str) -> None:
    reply = ask(app, slack, f"case {typed}")

    assert reply["blocks"][0]["text"]["text"] == "Case CASE-000029", all_text(reply)


@pytest.mark.parametrize("view", ["why billing", "calibration", "digest", "plans", "admin show"])
def test_export_of_a_view_without_an_export_says_so_in_one_line_and_names_those_that_have_one(
    app: App, slack: FakeSlack, view: str
) -> None:
    reply = ask(app, slack, f"export {view} last-week")

    text = all_text(reply)
    assert "failed on our side" not in text and len(reply["blocks"]) <= 2, text
    assert f"not `{view.split()[0]}`" in text
    assert all(f"`{name}`" in text for name in ("journeys", "journey", "case", "me", "agent")), text


VERDICTS = ("beyond normal variation", "within noise", "a real drop", "a real rise", "too few evaluations")


@pytest.mark.parametrize(
    ("text", "unit"),
    [("digest last-week", "week"), ("digest last-30d", "30-day period"), ("digest this-month", "month")],
)
def test_the_digest_gives_each_mover_one_verdict_in_plain_words_for_any_range(
    app: App, slack: FakeSlack, text: str, unit: str
) -> None:
    uploads = len(slack.calls_to("files.completeUploadExternal"))
    reply = ask(app, slack, text)
    slack.wait_for("files.completeUploadExternal", uploads + 1)  # the chart follows the text

    movers = [b["text"]["text"] for b in reply["blocks"] if b.get("block_id", "").startswith("mover-")]
    for mover in movers:
        assert sum(v in mover for v in VERDICTS) <= 1, mover
    said = all_text(reply)
    assert f"against last {unit} and the 8 {unit}s before" in said, said
    assert not any(w in said for w in ("stretchs", "-day period average", "8-30"))


@pytest.mark.parametrize(
    ("text", "compared"),
    [
        ("journeys this-week", "vs the same days of the week before (09 Nov – 11 Nov 2026)"),
        ("journeys last-week", "vs the week before (02 Nov – 08 Nov 2026)"),
        ("journeys last-month", "vs the month before (01 Sep – 30 Sep 2026)"),
        ("journeys this-month", "vs the same days of the month before (01 Oct – 18 Oct 2026)"),
        ("journeys last-7d", "vs the 7 days before"),
    ],
)
def test_a_calendar_period_is_compared_with_the_calendar_period_before_and_says_so(
    app: App, slack: FakeSlack, text: str, compared: str
) -> None:
    assert compared in all_text(ask(app, slack, text))
