"""A journey report as Block Kit: headline figures, outcomes, the daily trend."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from cx.reports.journey import JourneyReport
from cx.scoring.versions import titles
from cxbot.render.mrkdwn import esc
from cxbot.render.not_scored import not_scored_line
from cxbot.render.numbers import delta, percent, score, sparkline
from cxbot.render.verdict import verdict

DAILY_TABLE_MAX_DAYS = 14


def journey_text(report: JourneyReport) -> str:
    """The notification / fallback line."""
    c = report.current
    unread = not_scored_line(c.not_scored_language)
    return (
        f"{esc(report.journey)}, {report.period.describe()}: {c.evaluations} evaluations, "
        f"average CX {score(c.avg_score)}, {percent(c.pass_rate(report.pass_threshold))} pass"
        + (f" ({unread})" if unread else "")
    )


def _outcomes(report: JourneyReport) -> str:
    shares = report.current.outcome_shares()
    if not shares:
        return "No case has an outcome yet."
    parts = [f"{name} {percent(share)} ({report.current.outcomes[name]})" for name, share in shares.items() if share]
    return " · ".join(parts)


def _scorer_changes(report: JourneyReport) -> str:
    """Every scorer version change in the period or the one before: the figures and the trend cross it."""
    lines = [f"◆ {c.day:%a %d %b}: scorer {esc(c.describe())}" for c in report.scorer_changes]
    if not lines:
        return ""
    return "\n" + "\n".join(lines) + "\n_Scores on either side of ◆ come from different scorer versions._"


def _trend(report: JourneyReport) -> str:
    line = sparkline([p.avg_score for p in report.trend])
    if len(report.trend) > DAILY_TABLE_MAX_DAYS:
        marks = "".join("◆" if any(c.day == p.day for c in report.scorer_changes) else " " for p in report.trend)
        marked = f"\n`{marks}`" if marks.strip() else ""
        return (
            f"`{line}`  daily average CX, {report.trend[0].day:%d %b} → {report.trend[-1].day:%d %b}{marked}"
            + _scorer_changes(report)
        )
    changed = {c.day: c for c in report.scorer_changes}
    rows = [
        f"{p.day:%a %d %b}  {score(p.avg_score):>4}  {sparkline([p.avg_score])}  {p.evaluations:>4} evals"
        + (f"  ◆ scorer → {esc(titles(changed[p.day].before, changed[p.day].after)[1])}" if p.day in changed else "")
        for p in report.trend
    ]
    return "```\n" + "\n".join(rows) + "\n```" + _scorer_changes(report)


def journey_blocks(report: JourneyReport) -> list[Block]:
    c, threshold = report.current, report.pass_threshold
    previous = report.period.previous()
    unread = not_scored_line(c.not_scored_language)
    if c.evaluations == 0:
        none = f"No evaluated cases in *{report.period.describe()}*." + (
            f" {unread}: the scorer cannot read them; they need a human look." if unread else ""
        )
        return [
            HeaderBlock(text=f"Journey: {report.journey}"),
            SectionBlock(text=MarkdownTextObject(text=f"{none} Try a longer range, e.g. `last-30d`.")),
        ]
    return [
        HeaderBlock(text=f"Journey: {report.journey}"),
        ContextBlock(elements=[MarkdownTextObject(text=f"*{report.period.describe()}* · vs {previous.describe()}")]),
        SectionBlock(
            fields=[
                MarkdownTextObject(
                    text=f"*Average CX score*\n{score(c.avg_score)} ({delta(report.score_change)}"
                    + (f", {verdict(report.previous, c, threshold)})" if report.score_change is not None else ")")
                ),
                MarkdownTextObject(
                    text=f"*% pass (CX ≥ {threshold})*\n{percent(c.pass_rate(threshold))} "
                    f"({delta(report.pass_rate_change, 'pp')})"
                ),
                MarkdownTextObject(text=f"*Evaluations*\n{c.evaluations}" + (f"\n{unread}" if unread else "")),
                MarkdownTextObject(text=f"*Cases*\n{c.cases}"),
            ]
        ),
        SectionBlock(text=MarkdownTextObject(text=f"*Case outcomes*\n{_outcomes(report)}")),
        DividerBlock(),
        SectionBlock(text=MarkdownTextObject(text=f"*Trend*\n{_trend(report)}")),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Cases count when opened in range, with a journey, an outcome and an evaluated contact."
                )
            ]
        ),
    ]
