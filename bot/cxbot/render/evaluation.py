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
from cx.domain.evaluation import Evaluation, Resolution
from cx.scoring.factor_words import factor_words
from cxbot.navigation import View
from cxbot.render.fields import labelled_fields
from cxbot.render.mrkdwn import esc
from cxbot.render.nav import breadcrumb
from cxbot.render.rate import rate_button

EVALUATION_ACTIONS_BLOCK = "evaluation-actions"
RESOLUTION_WORDS = {
    Resolution.RESOLVED: "resolved",
    Resolution.PARTLY: "partly resolved",
    Resolution.UNRESOLVED: "not resolved",
}


def evaluation_text(conversation: Conversation, evaluation: Evaluation) -> str:
    return f"Evaluation of {esc(conversation.id)}: CX {evaluation.cx_score}"


def _quote(text: str) -> str:
    return "\n".join(f"> {esc(line)}" for line in text.splitlines() or [""])


def evaluation_actions(conversation: Conversation, evaluation: Evaluation, view: View) -> list[ButtonElement]:
    """Buttons under an evaluation: "Rate this" opens the modal that stores a reviewer's label."""
    return [rate_button(conversation.id, evaluation.id)]


def evaluation_blocks(
    conversation: Conversation, evaluation: Evaluation, view: View, journey: str | None
) -> list[Block]:
    subs = evaluation.sub_scores
    score = f"{evaluation.cx_score} / 5"
    if evaluation.needs_review:
        score += " · *needs a human look*"  # never shown as a confident score
    blocks: list[Block] = [
        HeaderBlock(text=f"Evaluation: {conversation.id}"[:150]),
        *breadcrumb(view, f"evaluation {conversation.id}", journey),
        labelled_fields(
            [
                ("CX score", score),
                ("Resolution", RESOLUTION_WORDS[subs.resolution]),
                ("Customer sentiment", f"{subs.sentiment:.1f} / 5 (5 = very positive)"),
                ("Effort", f"{subs.effort:.1f} / 5 (5 = effortless)"),
                ("Service quality", f"{subs.service_quality:.1f} / 5 (5 = excellent)"),
                ("Channel", conversation.channel.value),
            ]
        ),
    ]
    if evaluation.needs_review or evaluation.confidence is not None:
        sure = "" if evaluation.confidence is None else f"confidence {evaluation.confidence:.0%}"
        note = " · ".join(x for x in (sure, *evaluation.flags) if x)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note[:3000])]))
    for reason in evaluation.reasons:
        sign = "➕" if reason.direction.value == "positive" else "➖"
        quotes = "\n".join(_quote(f"#{e.message_index}: {e.quote}") for e in reason.evidence)
        text = f"{sign} *{esc(factor_words(reason.factor))}*: {esc(reason.summary)}\n{quotes}"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text[:3000])))
    published = "" if evaluation.published else " · unpublished: not counted"
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"Scored by {esc(evaluation.scorer.label)} at {evaluation.evaluated_at:%d %b %H:%M}{published}"
                )
            ]
        )
    )
    if actions := evaluation_actions(conversation, evaluation, view):
        blocks.append(ActionsBlock(block_id=EVALUATION_ACTIONS_BLOCK, elements=actions))
    return blocks
