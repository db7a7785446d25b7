"""The coaching plan wizard, one modal per step: metric, target and date, review and actions, help, summary."""

from __future__ import annotations

from datetime import date, timedelta

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    ContextBlock,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from cx.coaching.plan import HELP_KINDS, MAX_ACTIONS, MAX_IMPROVEMENT, MIN_IMPROVEMENT, target_for
from cx.performance.metrics import METRICS
from cx.performance.rows import RecentContact
from cxbot.coaching.draft import Draft
from cxbot.render.mrkdwn import esc

CALLBACK_ID = "coaching_plan"
COMMIT_TEXT = "I commit to this plan"
DEFAULT_IMPROVEMENT, DEFAULT_WEEKS = 10, 4
HINT_STEPS = (5, 10, 25, 50)


def _on(draft: Draft) -> str:
    """Handle time's channel: " (chat)"."""
    return f" ({draft.channel})" if draft.channel else ""


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def _modal(draft: Draft, blocks: list[Block], submit: str = "Next") -> View:
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title="Coaching plan",
        submit=submit,
        close="Cancel",
        private_metadata=draft.model_dump_json(exclude_none=True),
        blocks=blocks,
    )


def metric_step(draft: Draft) -> View:
    options = [Option(value=m.value, text=m.label) for m in METRICS]
    chosen = next(o for o in options if o.value == draft.metric.value)
    return _modal(
        draft,
        [
            _context(f"Step 1 of 5 · a plan for *{esc(draft.inquiry)}*. The recommended metric is preselected."),
            InputBlock(
                block_id="metric",
                label="Metric to improve",
                element=StaticSelectElement(action_id="metric", options=options, initial_option=chosen),
            ),
        ],
    )


def target_step(draft: Draft, today: date) -> View:
    metric, start = draft.metric, draft.start or 0.0
    hints = " · ".join(f"+{p}% → {metric.show(target_for(metric, start, p))}" for p in HINT_STEPS)
    return _modal(
        draft,
        [
            _context(
                f"Step 2 of 5 · *{metric.label}{_on(draft)}* on *{esc(draft.inquiry)}*: "
                f"you start from *{metric.show(start)}* (your average over the 3 months before today)."
            ),
            InputBlock(
                block_id="improvement",
                label=f"Target improvement ({MIN_IMPROVEMENT}-{MAX_IMPROVEMENT}%)",
                hint=f"Target values: {hints}",
                element=NumberInputElement(
                    action_id="improvement",
                    initial_value=draft.improvement or DEFAULT_IMPROVEMENT,
                    min_value=MIN_IMPROVEMENT,
                    max_value=MAX_IMPROVEMENT,
                ),
            ),
            InputBlock(
                block_id="due",
                label="Reach it by",
                hint="2 weeks to 3 months from today works best.",
                element=DatePickerElement(
                    action_id="due",
                    initial_date=(draft.due or today + timedelta(weeks=DEFAULT_WEEKS)).isoformat(),
                ),
            ),
        ],
    )


def review_step(draft: Draft, poor: list[RecentContact]) -> View:
    metric = draft.metric
    listed = "\n".join(
        f"• `{esc(c.conversation_id)}` {c.at:%d %b} · {metric.label.lower()} {metric.show(c.value(metric))}"
        for c in poor
    )
    review = (
        f"*Review these recent conversations on {esc(draft.inquiry)}:*\n{listed}"
        if poor
        else (f"_No recent conversations on {esc(draft.inquiry)} to review._")
    )
    blocks: list[Block] = [
        _context(
            f"Step 3 of 5 · target *{metric.show(draft.target)}* by {draft.due:%d %b %Y}. "
            "Look at what went wrong, then write 1-3 things you will do differently."
        ),
        SectionBlock(text=MarkdownTextObject(text=review)),
    ]
    for n in range(MAX_ACTIONS):
        previous = draft.actions[n] if n < len(draft.actions) else None
        blocks.append(
            InputBlock(
                block_id=f"action_{n + 1}",
                label=f"Action {n + 1}" if n else "Action 1 (what you will do)",
                optional=n > 0,
                element=PlainTextInputElement(action_id=f"action_{n + 1}", max_length=200, initial_value=previous),
            )
        )
    return _modal(draft, blocks)


def help_step(draft: Draft) -> View:
    options = [Option(value=key, text=text) for key, text in HELP_KINDS.items()]
    initial = [o for o in options if o.value in draft.help] or None
    return _modal(
        draft,
        [
            _context("Step 4 of 5 · what would help you most from a coach? Choose 1-3 in all (choices and your own)."),
            InputBlock(
                block_id="help",
                label="Help wanted",
                optional=True,
                element=CheckboxesElement(action_id="help", options=options, initial_options=initial),
            ),
            InputBlock(
                block_id="help_note",
                label="Something else",
                optional=True,
                element=PlainTextInputElement(action_id="help_note", max_length=200, initial_value=draft.note),
            ),
        ],
    )


def summary_text(draft: Draft) -> str:
    m = draft.metric
    actions = "\n".join(f"• {esc(a)}" for a in draft.actions)
    wanted = [HELP_KINDS[h] for h in draft.help] + ([draft.note] if draft.note else [])
    return (
        f"*{m.label}{_on(draft)}* on *{esc(draft.inquiry)}*: from *{m.show(draft.start)}* to *{m.show(draft.target)}* "
        f"(+{draft.improvement}%) by *{draft.due:%d %b %Y}*.\n*My actions*\n{actions}\n"
        f"*Help I'd like*\n" + "\n".join(f"• {esc(w)}" for w in wanted)
    )


def summary_step(draft: Draft) -> View:
    return _modal(
        draft,
        [
            _context("Step 5 of 5 · your plan. Every weekday you'll get a DM with your progress."),
            SectionBlock(text=MarkdownTextObject(text=summary_text(draft))),
            InputBlock(
                block_id="commit",
                label="Commitment",
                element=CheckboxesElement(action_id="commit", options=[Option(value="yes", text=COMMIT_TEXT)]),
            ),
        ],
        submit="Commit",
    )
