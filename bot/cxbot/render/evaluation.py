"""One evaluation: the score, its sub-scores, the reasons with their evidence quoted, the scorer."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cxbot.navigation import View
from cxbot.render.nav import breadcrumb
from cxbot.render.rate import rate_button

EVALUATION_ACTIONS_BLOCK = "evaluation-actions"


def evaluation_text(conversation: Conversation, evaluation: Evaluation) -> str:
    return f"Evaluation of {conversation.id}: CX {evaluation.cx_score}"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in text.splitlines() or [""])


def evaluation_actions(conversation: Conversation, evaluation: Evaluation, view: View) -> list[ButtonElement]:
    """Buttons under an evaluation: "Rate this" opens the modal that stores a reviewer's label."""
    return [rate_button(conversation.id, evaluation.id)]


def evaluation_blocks(
    conversation: Conversation, evaluation: Evaluation, view: View, journey: str | None
) -> list[Block]:
    subs = evaluation.sub_scores
    blocks: list[Block] = [
        HeaderBlock(text=f"Evaluation: {conversation.id}"[:150]),
        *breadcrumb(view, f"evaluation {conversation.id}", journey),
        SectionBlock(
            fields=[
                MarkdownTextObject(text=f"*CX score*\n{evaluation.cx_score} / 5"),
                MarkdownTextObject(text=f"*Resolution*\n{subs.resolution.value}"),
                MarkdownTextObject(text=f"*Sentiment*\n{subs.sentiment:.1f}"),
                MarkdownTextObject(text=f"*Effort* (5 = effortless)\n{subs.effort:.1f}"),
                MarkdownTextObject(text=f"*Service quality*\n{subs.service_quality:.1f}"),
                MarkdownTextObject(text=f"*Channel*\n{conversation.channel.value}"),
            ]
        ),
    ]
    for reason in evaluation.reasons:
        sign = "➕" if reason.direction.value == "positive" else "➖"
        quotes = "\n".join(_quote(f"#{e.message_index}: {e.quote}") for e in reason.evidence)
        text = f"{sign} *{reason.factor}*: {reason.summary}\n{quotes}"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text[:3000])))
    published = "" if evaluation.published else " · unpublished: not counted"
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"Scored by {evaluation.scorer.label} at {evaluation.evaluated_at:%d %b %H:%M}{published}"
                )
            ]
        )
    )
    if actions := evaluation_actions(conversation, evaluation, view):
        blocks.append(ActionsBlock(block_id=EVALUATION_ACTIONS_BLOCK, elements=actions))
    return blocks
