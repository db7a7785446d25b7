"""`/cx me` and `/cx agent`: an agent's figures per inquiry beside the team average and the top agent, rated."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from cx.performance.handle_time import MIN_HANDLED, duration, duration_alone
from cx.performance.metrics import Metric
from cx.performance.report import AgentPerformance, InquiryPerformance, MetricLine, Pick
from cxbot.render.mrkdwn import esc, mention

START_PLAN_ACTION = "coaching_start"
SHOWN_INQUIRIES = 8


def effectiveness_note(own: bool) -> str:
    """Said to the agent about themselves ("your"), to a lead or manager about the agent ("the agent's")."""
    whose = "your" if own else "the agent's"
    return (
        f"Effectiveness (0-100) = the mean of {whose} percentile ranks among all agents on the inquiry for CX score, "
        "resolution rate and handle time (shorter is better). Ratings: Great = top quartile, Good = middle two, "
        "Needs work = bottom quartile; agents with fewer than 3 contacts on an inquiry are not rated. "
        "Handle time is shown and ranked per channel, never across channels (a chat's minutes are not an "
        f"e-mail's hours); a channel with fewer than {MIN_HANDLED} timed contacts shows no figure. "
        f"Team = {whose} team's average; top = the best agent's figure (not named)."
    )


def handle_text(p: InquiryPerformance) -> str:
    """ "Handle time: chat *6 min* · email *4.2 h*", rated, then each channel beside its team and top agent."""
    rated = p.lines[Metric.HANDLE_TIME].rating
    shown = [line for line in p.handle if line.agent is not None]
    few = ", ".join(f"{line.channel} ({line.handled})" for line in p.handle if line.agent is None)
    if not p.handle:
        head = "Handle time: no timed contacts"
    elif not shown:
        head = f"Handle time: too few timed contacts to show a figure: {few}"
    else:
        head = "Handle time: " + " · ".join(f"{line.channel} *{duration(line.agent, line.unit)}*" for line in shown)
        head += f" · *{rated}*" if rated else ""
        head += f" · too few timed contacts to show {few}" if few else ""
    lines = [head]
    for line in shown:
        lines.append(f"    {line.channel}: team {duration(line.team, line.unit)} · top {duration(line.top, line.unit)}")
    if p.unsplit:
        lines.append(f"    _{p.unsplit} timed contacts were counted before handle time was kept per channel._")
    return "\n".join(lines)


def _line(title: str, line: MetricLine) -> str:
    metric = line.metric
    fmt = metric.show if metric is not None else (lambda v: "–" if v is None else f"{v:.0f}")
    rated = f" · *{line.rating}*" if line.rating else ""
    return f"{title}: *{fmt(line.agent)}*{rated} · team {fmt(line.team)} · top {fmt(line.top)}"


def inquiry_text(p: InquiryPerformance) -> str:
    lines = [f"*{esc(p.inquiry)}* · {p.contacts} contacts · {p.rated_agents} agents rated"]
    if p.effectiveness is not None:
        lines.append(_line("Effectiveness", p.effectiveness))
    else:
        lines.append("_Too few contacts to be rated on this inquiry._")
    lines += [_line(m.label, p.lines[m]) for m in (Metric.CX, Metric.RESOLUTION)]
    lines.append(handle_text(p))
    return "\n".join(lines)


def pick_text(pick: Pick, poor: bool) -> str:
    effect = pick.inquiry.effectiveness
    score = f"effectiveness {effect.agent:.0f}" if effect and effect.agent is not None else ""
    focus = pick.metric.label.lower() + (f" on {pick.channel}" if pick.channel else "")
    head = f"*{esc(pick.inquiry.inquiry)}* ({score}) · focus on *{focus}*"
    kind = "Recent examples to review" if poor else "Recent examples"
    shown = ", ".join(
        f"`{esc(c.conversation_id)}` {c.at:%d %b} ({_value(pick, c.value(pick.metric))})" for c in pick.examples
    )
    return head + (f"\n{kind}: {shown}" if shown else "")


def _value(pick: Pick, value: float | None) -> str:
    return duration_alone(value) if pick.metric is Metric.HANDLE_TIME else pick.metric.show(value)


def plan_button_value(inquiry: str, metric: str) -> str:
    return json.dumps({"i": inquiry, "m": metric}, separators=(",", ":"))


def performance_text(report: AgentPerformance, name: str | None = None) -> str:
    """``name``: the agent's name, when the agent is someone in Slack; else the agent id as the data has it."""
    who = f"*{esc(name)}*" if name else mention(report.agent_id)
    return f"Performance of {who} per inquiry, {report.period.describe()}"


def performance_blocks(report: AgentPerformance, own: bool, name: str | None = None) -> list[Block]:
    """``own``: the agent looks at their own numbers, so each inquiry to work on offers a coaching plan."""
    title = "Your performance" if own else (f"Agent performance: {name}" if name else "Agent performance")
    blocks: list[Block] = [
        HeaderBlock(text=title[:150]),
        ContextBlock(elements=[MarkdownTextObject(text=performance_text(report, name))]),
    ]
    if not report.inquiries:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="No evaluated contacts in this range.")))
        return blocks
    for p in report.inquiries[:SHOWN_INQUIRIES]:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=inquiry_text(p))))
    if (more := len(report.inquiries) - SHOWN_INQUIRIES) > 0:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"… and {more} more inquiries.")]))
    blocks.append(DividerBlock())
    if report.strengths:
        whose = "your" if own else "their"
        text = f"*Helping {whose} effectiveness most*\n" + "\n".join(pick_text(p, poor=False) for p in report.strengths)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text)))
    if report.work_on:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="*To work on*")))
        for n, pick in enumerate(report.work_on):
            blocks.append(SectionBlock(block_id=f"work-{n}", text=MarkdownTextObject(text=pick_text(pick, poor=True))))
            if own:
                button = ButtonElement(
                    text="Let's build a coaching plan",
                    action_id=f"{START_PLAN_ACTION}:{n}",
                    value=plan_button_value(pick.inquiry.inquiry, pick.metric.value),
                    style="primary",
                )
                blocks.append(ActionsBlock(block_id=f"plan-{n}", elements=[button]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=effectiveness_note(own))]))
    return blocks
