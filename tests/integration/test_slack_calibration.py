"""`/cx calibration` through the real Bolt app, from labels and evaluations stored in DynamoDB Local."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from cx.access import Roles
from cx.bootstrap import build_label_store, build_pipeline, build_stores
from cx.calibration.consensus import as_category
from cx.calibration.labels import Label
from cx.calibration.metrics import exact_agreement
from cx.config import Settings
from cx.domain.conversation import Conversation
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import signed_headers, slash_command_body

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
SECRET = "test-signing-secret"
HAPPY = "Great, that fixed it, thank you so much!"
ANGRY = "Still broken. This is useless and nobody helps, I'm cancelling."


def _conversation(i: int) -> Conversation:
    last = HAPPY if i % 3 else ANGRY
    return Conversation.model_validate(
        {
            "id": f"c-{i}",
            "channel": "chat" if i < 6 else "email",
            "journey": "billing",
            "team": "north" if i % 2 else "south",
            "messages": [
                {"role": "customer", "text": "My invoice shows the wrong amount."},
                {"role": "agent", "text": "Let me check that for you."},
                {"role": "customer", "text": last},
            ],
        }
    )


def _ask(settings: Settings, slack: FakeSlack, text: str) -> str:
    build_stores(settings).roles.put_roles(Roles(managers=["U0MANAGER"]))  # calibration is for managers
    app = build_app(build_services(settings, clock=lambda: NOW), SECRET, WebClient(token="x", base_url=slack.api_url))
    body = slash_command_body(text, slack.response_url())
    assert app.dispatch(BoltRequest(body=body, headers=signed_headers(body, SECRET))).status == 200
    reply: dict[str, Any] = slack.wait_for("response_url")[0].body
    parts = [b["text"]["text"] for b in reply["blocks"] if isinstance(b.get("text"), dict)]
    parts += [e["text"] for b in reply["blocks"] for e in b.get("elements", [])]
    return "\n".join(parts)


def test_calibration_reply_from_stored_labels(settings: Settings, slack: FakeSlack) -> None:
    conversations = [_conversation(i) for i in range(10)]
    pipeline = build_pipeline(settings, clock=lambda: NOW)
    pipeline.process(conversations)
    labels = [
        Label(conversation_id=c.id, reviewer=reviewer, score=score, labelled_at=NOW)
        for c in conversations
        for reviewer, score in (("ana", 1 if c.messages[-1].text == ANGRY else 4), ("bo", 2 if c.id == "c-3" else 4))
    ]
    build_label_store(settings).put_labels(labels)

    text = _ask(settings, slack, "calibration")

    scores = [pipeline.evaluations.latest_evaluation(c.id).cx_score for c in conversations]  # type: ignore[union-attr]
    consensus = [
        as_category(sum(lbl.score for lbl in labels if lbl.conversation_id == c.id) / 2) for c in conversations
    ]
    exact = exact_agreement(consensus, scores)
    assert "Calibration: offline/" in text
    assert "*10* labelled conversations" in text
    assert re.search(rf"Exact agreement +{exact:.0%}", text)
    assert "target ≥ 0.80" in text and "one reviewer vs the others" in text
    assert "By channel" in text and "By team" in text and "north" in text
    assert "Where reviewers disagree most" in text and "c-3" in text
    # the fair comparison: the stored evaluations carry the raw value, and both sides meet the same reference
    assert "Verdict: compared with one reviewer" in text and "poor-experience recall at the cut-off" in text
    assert "Fair figures" in text and "Spearman (raw value)" in text and "10 conversations with two or more" in text
    assert "Calibrated to your reviewers" not in text  # ten labels are too few to fit a team's scale


def test_without_labels_the_reply_says_how_to_get_some(settings: Settings, slack: FakeSlack) -> None:
    assert "import labels with `cx labels import FILE`" in _ask(settings, slack, "calibration")


def test_without_a_labels_table_the_reply_says_so(settings: Settings, slack: FakeSlack) -> None:
    assert "CX_LABELS_TABLE" in _ask(replace(settings, labels_table=None), slack, "calibration")
