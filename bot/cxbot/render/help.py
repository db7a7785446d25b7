"""`/cx help` as blocks, and what a user sees when a command is not understood."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from cx.ranges import NAMED
from cxbot.render.mrkdwn import esc

EFFECTIVENESS = (
    "Effectiveness on an inquiry (0-100) is the mean of the agent's percentile ranks among all agents on it for "
    "CX score, resolution rate and handle time (shorter is better); percentile rank = agents doing worse plus "
    "half of those level, over all rated agents. Great = top quartile (75+), Needs work = bottom (below 25). "
    "Handle time runs from a contact's first to its last timed message, and is shown and ranked per channel."
)
FILTERS = (
    "Filters after the range: `channel:chat`, `team:<name>`, `agent:@user` (one kind at a time). "
    "Add `share` to post the reply (or the export) in the channel; otherwise only you see it. "
    "Managers see everything, team leads their teams, agents their own cases and scores."
)
RANGES = f"Ranges: {', '.join(f'`{r}`' for r in NAMED)}, `last-Nd`, or `YYYY-MM-DD..YYYY-MM-DD` (default `last-7d`)."
RULES = (
    "A case counts when it was opened in the range, has a journey, has an outcome and at least one "
    "evaluated contact; only published evaluations count toward scores."
)


def help_blocks(commands: str, problem: str | None = None) -> list[Block]:
    """``commands``: one line per subcommand (from the command table)."""
    blocks: list[Block] = []
    if problem:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f":warning: {esc(problem)}")))
    blocks += [
        SectionBlock(text=MarkdownTextObject(text=commands)),
        ContextBlock(elements=[MarkdownTextObject(text=RANGES)]),
        ContextBlock(elements=[MarkdownTextObject(text=FILTERS)]),
        ContextBlock(elements=[MarkdownTextObject(text=RULES)]),
        ContextBlock(elements=[MarkdownTextObject(text=EFFECTIVENESS)]),
    ]
    return blocks


def problem_blocks(message: str) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=f":warning: {esc(message)}"))]
