"""`/cx help`, and what a user sees when a command is not understood."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from cx.ranges import NAMED
from cxbot.render.mrkdwn import esc

HELP = (
    "*`/cx journeys [range]`* every journey in one table: cases, evaluations, average CX score, % pass, "
    "case outcomes, each against the period before; buttons open a journey.\n"
    "*`/cx journey <name> [range]`* one journey: evaluations, average CX score, % pass, "
    "case outcomes and the daily trend, compared with the period before, and its cases worst first.\n"
    "*`/cx case <id>`* one case: its contacts, each evaluation with its sub-scores, reasons and evidence.\n"
    "*`/cx export <view> [range]`* the view as CSV, sent to you (e.g. `/cx export journeys last-30d`).\n"
    "*`/cx why <journey|all> [range]`* why the score moved against the period before: is it real, where "
    "(channel, inquiry, team, agent; mix or rate), which reasons changed, and whether the scorer changed.\n"
    "*`/cx calibration [scorer]`* agreement of the scores with human labels, beside one reviewer's agreement "
    "with the others, against the configured targets.\n"
    "*`/cx admin show | history | set key=value …`* (managers) the workspace configuration: pass threshold, "
    "time zone, journey aliases and inquiries, drift channel; every change recorded with who and when.\n"
    "*`/cx me [range]`* (agents) your figures per inquiry: average CX score, resolution rate, average handle "
    "time and effectiveness, beside the team average and the top agent, rated Great / Good / Needs work against "
    "all agents on the inquiry; the inquiries helping you most and those to work on (default the past 3 months).\n"
    "*`/cx agent @user [range]`* (leads, managers) the same for one agent.\n"
    "*`/cx plans`* coaching plans: list them; `/cx plans view <id>`, `/cx plans close <id> [note]`.\n"
    "*`/cx digest [range]`* the weekly digest: the week against last week and the 8 before, the trend chart, "
    "top movers, conversations worth a QA review, scorer health (default `last-week`; managers).\n"
    "*`/cx help`* this message."
)
EFFECTIVENESS = (
    "Effectiveness on an inquiry (0-100) is the mean of the agent's percentile ranks among all agents on it for "
    "CX score, resolution rate and handle time (shorter is better); percentile rank = agents doing worse plus "
    "half of those level, over all rated agents. Great = top quartile (75+), Needs work = bottom (below 25). "
    "Handle time runs from a contact's first to its last timed message."
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


def help_blocks(problem: str | None = None) -> list[Block]:
    blocks: list[Block] = []
    if problem:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f":warning: {esc(problem)}")))
    blocks += [
        SectionBlock(text=MarkdownTextObject(text=HELP)),
        ContextBlock(elements=[MarkdownTextObject(text=RANGES)]),
        ContextBlock(elements=[MarkdownTextObject(text=FILTERS)]),
        ContextBlock(elements=[MarkdownTextObject(text=RULES)]),
        ContextBlock(elements=[MarkdownTextObject(text=EFFECTIVENESS)]),
    ]
    return blocks


def problem_blocks(message: str) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=f":warning: {esc(message)}"))]
