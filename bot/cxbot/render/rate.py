"""*Rate this*: the button on an evaluation and the modal it opens (1-5 score, optional reason)."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from cxbot.render.mrkdwn import esc

ACTION_ID = "rate_evaluation"
CALLBACK_ID = "rate_evaluation"
SCORE_BLOCK, SCORE_ACTION = "score", "value"
REASON_BLOCK, REASON_ACTION = "reason", "value"
SCORES = {
    1: "1 · very dissatisfied",
    2: "2 · dissatisfied",
    3: "3 · neutral",
    4: "4 · satisfied",
    5: "5 · very satisfied",
}


def rate_button(conversation_id: str, evaluation_id: str) -> ButtonElement:
    value = json.dumps({"conversation_id": conversation_id, "evaluation_id": evaluation_id}, separators=(",", ":"))
    return ButtonElement(text="Rate this", action_id=ACTION_ID, value=value)


def rate_modal(conversation_id: str, evaluation_id: str) -> View:
    metadata = json.dumps({"conversation_id": conversation_id, "evaluation_id": evaluation_id}, separators=(",", ":"))
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title="Rate this",
        submit="Save",
        close="Cancel",
        private_metadata=metadata,
        blocks=[
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"How satisfied was the customer in `{esc(conversation_id)}`? Your rating is kept beside "
                        "the other reviewers' and the scorer's, never averaged away."
                    )
                ]
            ),
            InputBlock(
                block_id=SCORE_BLOCK,
                label="CX score",
                element=StaticSelectElement(
                    action_id=SCORE_ACTION,
                    placeholder="1 to 5",
                    options=[Option(value=str(score), text=text) for score, text in SCORES.items()],
                ),
            ),
            InputBlock(
                block_id=REASON_BLOCK,
                label="Reason",
                optional=True,
                element=PlainTextInputElement(action_id=REASON_ACTION, multiline=True, max_length=3000),
            ),
        ],
    )
