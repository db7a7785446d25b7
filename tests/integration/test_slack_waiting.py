"""Waiting, through the real Bolt app on DynamoDB Local: the acknowledgement says what is coming, the text answer
reaches Slack before its chart is drawn and uploaded, and the digest and `/cx why all` read each aggregate once
(a counter on the reads port: the movers' explanations reuse what the trend already read)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, cast

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block
from support.counting_reads import CountingReads
from support.demo_people import SLACK_DEMO_NOW

from cx.bootstrap import build_digest_wiring
from cx.config import Settings
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxbot.services import ReportStore
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body

SECRET = "waiting-signing-secret"


def dispatch(app: App, slack: FakeSlack, text: str) -> str:
    """The acknowledgement Slack shows at once: the response to the request itself (a text-only ack's body is
    the text, which Slack shows to the asker)."""
    body = slash_command_body(text, slack.response_url(), user_id="U0MANAGER")
    response = app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET))))
    assert response.status == 200
    return response.body


@pytest.mark.parametrize(
    ("text", "coming"),
    [
        ("digest last-week", "the digest, then its chart"),
        ("why billing last-week", "the explanation, then its daily chart"),
        ("journeys last-week", "the table of journeys"),
        ("agent <@U0AGENT01|priya>", "the agent's figures per inquiry"),
    ],
)
def test_the_acknowledgement_says_what_is_coming(app: App, slack: FakeSlack, text: str, coming: str) -> None:
    ack = dispatch(app, slack, text)

    assert ack.startswith(":hourglass_flowing_sand: Working on `/cx ")
    assert f": {coming} in a moment." in ack
    slack.wait_for("response_url", 1)  # the answer still follows


@pytest.mark.parametrize("text", ["why billing last-week", "digest last-week"])
def test_the_text_answer_reaches_slack_before_its_chart_is_uploaded(app: App, slack: FakeSlack, text: str) -> None:
    dispatch(app, slack, text)
    slack.wait_for("files.completeUploadExternal", 1)
    order = [c.method for c in slack.calls]

    answer = order.index("response_url")
    assert answer < order.index("files.getUploadURLExternal") < order.index("files.completeUploadExternal")
    reply = slack.calls_to("response_url")[0].body
    Block.parse_all(reply["blocks"])
    assert "follows in" in json.dumps(reply["blocks"])
    assert [u.content[:8] for u in slack.uploads()] == [b"\x89PNG\r\n\x1a\n"]


@pytest.fixture
def counted(slack_demo: tuple[Settings, dict[str, Any]], slack: FakeSlack) -> tuple[App, CountingReads]:
    settings = slack_demo[0]
    services = build_services(settings, clock=lambda: SLACK_DEMO_NOW)
    reads = CountingReads(services.reports)
    services = replace(services, reports=cast(ReportStore, reads), digest=build_digest_wiring(settings, reads).make)
    return build_app(services, SECRET, WebClient(token="xoxb-test", base_url=slack.api_url)), reads


@pytest.mark.parametrize("text", ["digest last-week", "why all last-week"])
def test_the_digest_and_why_all_read_each_aggregate_once(
    counted: tuple[App, CountingReads], slack: FakeSlack, text: str
) -> None:
    app, reads = counted
    dispatch(app, slack, text)
    reply = slack.wait_for("response_url", 1)[0].body

    assert "failed on our side" not in json.dumps(reply)
    assert reads.reads, "the answer read nothing: the counter is not on the path"
    assert reads.twice() == {}


@pytest.mark.parametrize("text", ["digest last-week", "why all last-week"])
def test_the_digest_and_why_all_read_no_team_agent_channel_or_inquiry_days(
    counted: tuple[App, CountingReads], slack: FakeSlack, text: str
) -> None:
    """Where a change happened comes from the cube: however many teams and agents there are, the answer reads
    the journeys' days and their reason and scorer slices only (the digest's fallback line: its channels)."""
    app, reads = counted
    dispatch(app, slack, text)
    reply = slack.wait_for("response_url", 1)[0].body

    assert "failed on our side" not in json.dumps(reply)
    days = [pk for kind, pk in reads.reads if kind == "days"]
    slices = {pk.split("|", 1)[1].split("=")[0] for pk in days if "|" in pk}
    assert days and slices <= ({"reason", "scorer", "channel"} if text.startswith("digest") else {"reason", "scorer"})
    assert "reason" in slices
