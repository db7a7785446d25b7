"""A manager's words through the real Bolt app on DynamoDB Local: an evaluation names its reasons in words, not
the scorer's factor ids, and gives each sub-score its scale."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk.models.blocks import Block

from cx.config import Settings
from cxbot.navigation import View
from cxbot.render.nav import NAV_ACTION
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import block_action_body, signed_headers

SECRET = "wording-signing-secret"


def open_view(app: App, slack: FakeSlack, view: View, user: str = "U0MANAGER") -> list[dict[str, Any]]:
    seen = len(slack.calls_to("response_url"))
    body = block_action_body(f"{NAV_ACTION}:0", view.encode(), slack.response_url("nav"), user)
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    blocks = slack.wait_for("response_url", seen + 1)[-1].body["blocks"]
    for block in Block.parse_all(blocks):
        block.validate_json()
    return blocks  # type: ignore[no-any-return]


def test_an_evaluation_says_its_reasons_in_words_and_each_sub_score_on_its_scale(
    app: App, slack: FakeSlack, slack_demo: tuple[Settings, dict[str, Any]]
) -> None:
    conversation, evaluation = next(
        (c, e)
        for c, e in slack_demo[1]["pairs"]
        if e is not None and c.case_id and sum("_" in r.factor for r in e.reasons) >= 2
    )
    blocks = open_view(app, slack, View("evaluation", case_id=conversation.case_id, conversation_id=conversation.id))

    texts = [(b.get("text") or {}).get("text", "") for b in blocks if b["type"] == "section"]
    reasons = [t for t in texts if t[:1] in ("➕", "➖")]
    assert len(reasons) == len(evaluation.reasons)
    for reason, line in zip(evaluation.reasons, reasons, strict=True):
        assert reason.factor not in line, line  # `negative_sentiment` is said "Customer sounded negative"
        assert "_" not in line.split(":")[0]
    labelled = [f["text"].split("\n", 1) for b in blocks for f in b.get("fields", [])]
    fields = {label.strip("*"): value for label, value in labelled}
    subs = evaluation.sub_scores
    assert fields["Customer sentiment"] == f"{subs.sentiment:.1f} / 5 (5 = very positive)"
    assert fields["Effort"] == f"{subs.effort:.1f} / 5 (5 = effortless)"
    assert fields["Service quality"] == f"{subs.service_quality:.1f} / 5 (5 = excellent)"
