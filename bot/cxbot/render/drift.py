"""The weekly drift summary as Block Kit: alerts first, then every channel and journey, scorer changes marked."""

from __future__ import annotations

import math

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from cx.calibration.drift import DriftReport, Shift
from cxbot.render.mrkdwn import esc

MAX_ROWS = 20


def drift_text(report: DriftReport) -> str:
    if report.alerts:
        return (
            f"CX drift alert: {len(report.alerts)} finding(s) for {report.current[0]:%d %b}–{report.current[1]:%d %b}"
        )
    return f"CX drift: steady for {report.current[0]:%d %b}–{report.current[1]:%d %b}"


def _row(shift: Shift) -> str:
    mark = ("~" if shift.explained_by else "!") if shift.alert else " "
    p_value = "–" if math.isnan(shift.p_adjusted) else f"{shift.p_adjusted:.3f}"
    index = "–" if math.isnan(shift.psi) else f"{shift.psi:.2f}"
    means = f"{Shift.mean(shift.baseline):.2f} → {Shift.mean(shift.current):.2f}"
    return (
        f"{mark} {esc(f'{shift.value[:18]:<18}')} {sum(shift.baseline):>6} {sum(shift.current):>6}  {means:<13} "
        f"{index:>5} {p_value:>6}"
    )


def drift_blocks(report: DriftReport, where: str | None = None) -> list[Block]:
    """``where``: the channel it is posted to and which setting chose it, said in the post itself."""
    (b0, b1), (c0, c1) = report.baseline, report.current
    title = "CX drift: alert" if report.alerts else "CX drift: steady"
    blocks: list[Block] = [
        HeaderBlock(text=title),
        ContextBlock(
            elements=[MarkdownTextObject(text=f"*{c0:%d %b}–{c1:%d %b}* against the baseline {b0:%d %b}–{b1:%d %b}")]
        ),
    ]
    if report.alerts:
        lines = "\n".join(f"• {esc(alert)}" for alert in report.alerts)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f":warning: *Thresholds crossed*\n{lines}")))
    for dimension in ("channel", "journey"):
        rows = [s for s in report.shifts if s.dimension == dimension][:MAX_ROWS]
        if rows:
            header = f"  {dimension:<18} {'base n':>6} {'now n':>6}  {'average':<13} {'PSI':>5} {'p adj':>6}"
            table = "\n".join([header, *(_row(s) for s in rows)])
            blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*By {dimension}*\n```\n{table}\n```")))
    if report.changes or report.promotions:
        lines = "\n".join(
            [f"• ◆ {c.day:%d %b}: {esc(c.describe())}" for c in report.changes]
            + [f"• {esc(p)} (`cx promote`)" for p in report.promotions]
        )
        note = "Scores on either side of a change come from different scorers: a shift across it may be the scorer's."
        blocks += [
            DividerBlock(),
            SectionBlock(text=MarkdownTextObject(text=f"*Scorer version changes*\n{lines}\n{note}")),
        ]
    if report.recent is not None:
        r = report.recent
        ref = f" (one reviewer vs the others {r.reference.kappa:.2f})" if r.reference else ""
        text = (
            f"*Agreement on recent labels* ({r.overall.n} conversations, {esc(r.scorer)}): "
            f"kappa {r.overall.kappa:.2f}{ref}, "
            f"poor-experience F1 {r.overall.f1:.2f}"
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text)))
    else:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text="No labels in the last 28 days to check agreement.")])
        )
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"{report.tested} slices tested: chi-square on the 1-5 histograms with sparse bins merged "
                    f"(expected count ≥ 5), Holm-corrected over the slices, so a week with nothing changed alerts "
                    f"with probability at most {report.alpha:.0%}. ! alert, ~ moved only through the slice it "
                    "names. Week: Monday to Sunday, as /cx … last-week." + (f" Posted to {where}." if where else "")
                )
            ]
        )
    )
    return blocks
