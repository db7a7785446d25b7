"""A calibration report as Block Kit: verdicts against targets, every figure beside the human reference."""

from __future__ import annotations

import math

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from cx.calibration.agreement import Agreement
from cx.calibration.fair import Estimate, FairComparison
from cx.calibration.report import CalibrationReport, GroupRow
from cxbot.render.mrkdwn import esc

ROWS = (
    ("kappa", "Quadratic weighted kappa", "{:.2f}"),
    ("exact", "Exact agreement", "{:.0%}"),
    ("within_one", "Within one point", "{:.0%}"),
    ("spearman", "Spearman with consensus", "{:.2f}"),
    ("precision", "Poor: precision", "{:.2f}"),
    ("recall", "Poor: recall", "{:.2f}"),
    ("f1", "Poor: F1", "{:.2f}"),
    ("bias", "Bias (mean diff.)", "{:+.2f}"),
)
MAX_GROUP_ROWS = 12
FAIR_ROWS = (
    ("spearman_raw", "Spearman (raw value)", "{:.2f}"),
    ("spearman", "Spearman (published)", "{:.2f}"),
    ("auc_raw", "Poor: ROC AUC (raw)", "{:.2f}"),
    ("auc", "Poor: ROC AUC (publ.)", "{:.2f}"),
    ("ap_raw", "Poor: avg prec. (raw)", "{:.2f}"),
    ("ap", "Poor: avg prec. (publ.)", "{:.2f}"),
    ("bias", "Bias (mean diff.)", "{:+.2f}"),
    ("exact", "Exact agreement", "{:.2f}"),
    ("within_one", "Within one point", "{:.2f}"),
    ("precision", "Poor: precision", "{:.2f}"),
    ("recall", "Poor: recall", "{:.2f}"),
    ("f1", "Poor: F1", "{:.2f}"),
)


def _fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "–" if value is None or math.isnan(value) else pattern.format(value)


def _code(lines: list[str]) -> str:
    return "```\n" + "\n".join(lines) + "\n```"


def calibration_text(report: CalibrationReport) -> str:
    if report.relative:
        verdict = "at least as good as one reviewer" if report.passed else "not as good as one reviewer"
    else:
        verdict = "meets its targets" if report.passed else "misses its targets"
    return f"Calibration of {esc(report.scorer)} on {report.overall.n} labelled conversations: {verdict}"


def _interval(e: Estimate, pattern: str = "{:.2f}") -> str:
    return f"{_fmt(e.mean, pattern)} [{_fmt(e.low, pattern)}, {_fmt(e.high, pattern)}]"


def _relative(report: CalibrationReport) -> str:
    lines = ["*Verdict: compared with one reviewer* (both against the mean of the remaining reviewers)"]
    for v in report.relative or []:
        mark = "AT LEAST AS GOOD" if v.passed else "WORSE"
        lines.append(
            f"*{mark}* on {v.title}: scorer {_interval(v.scorer)}, one reviewer {_interval(v.reviewer)}; "
            f"difference {_interval(v.difference, '{:+.2f}')}, {v.certainty}"
        )
    return "\n".join(lines)


def _fair(fair: FairComparison) -> str:
    lines = [f"{'':<23} {'scorer [95% interval]':>22} {'one reviewer':>22} {'difference':>8}"]
    for name, title, pattern in FAIR_ROWS:
        lines.append(
            f"{title:<23} {_interval(fair.scorer[name], pattern):>22} {_interval(fair.reviewer[name], pattern):>22} "
            f"{_fmt(fair.difference[name].mean, '{:+.2f}'):>8}"
        )
    return _code(lines)


def _verdicts(report: CalibrationReport) -> str:
    lines = ["*Absolute targets* (configured)"] if report.relative else []
    for v in report.verdicts:
        mark = "PASS" if v.passed else "FAIL"
        lines.append(
            f"*{mark}* {v.target.title}: {_fmt(v.value)} (target ≥ {v.target.minimum:.2f}; "
            f"one reviewer vs the others {_fmt(v.reference)})"
        )
    return "\n".join(lines)


def _figures(scorer: Agreement, reference: Agreement | None) -> str:
    lines = [f"{'':<25} {'scorer':>8} {'human ref':>10}"]
    for name, title, pattern in ROWS:
        ref = reference.metric(name) if reference else None
        lines.append(f"{title:<25} {_fmt(scorer.metric(name), pattern):>8} {_fmt(ref, pattern):>10}")
    return _code(lines)


def _confusion(agreement: Agreement) -> str:
    lines = ["consensus \\ scorer    1     2     3     4     5"]
    for score, row in enumerate(agreement.confusion, start=1):
        lines.append(f"{score:>18} " + "".join(f"{count:>6}" for count in row))
    return _code(lines)


def _bias_table(rows: list[GroupRow]) -> str:
    lines = [f"{'':<22} {'n':>5} {'kappa':>11} {'Spearman':>11} {'poor F1':>11} {'bias':>6}"]
    for row in rows[:MAX_GROUP_ROWS]:
        s, r = row.scorer, row.reference
        cells = [
            f"{_fmt(s.metric(m))} ({_fmt(r.metric(m) if r else None)})".rjust(11) for m in ("kappa", "spearman", "f1")
        ]
        lines.append(f"{esc(f'{row.value[:22]:<22}')} {s.n:>5} {' '.join(cells)} {_fmt(s.bias, '{:+.2f}'):>6}")
    if len(rows) > MAX_GROUP_ROWS:
        lines.append(f"… {len(rows) - MAX_GROUP_ROWS} more")
    return _code(lines)


def _fair_blocks(report: CalibrationReport) -> list[Block]:
    fair = report.fair
    if fair is None:
        return []
    about = (
        f"Fair comparison: {fair.draws} seeded draws of one reviewer per conversation (seed {fair.seed}), "
        f"95% intervals from {fair.resamples} bootstrap resamples; {fair.n} conversations with two or more "
        f"reviewers, {fair.poor_share:.0%} of them poor. Ranking uses the value before rounding (raw) and the "
        "published score; calibration figures use the published score."
    )
    return [
        SectionBlock(text=MarkdownTextObject(text=_relative(report))),
        SectionBlock(text=MarkdownTextObject(text="*Fair figures*\n" + _fair(fair))),
        ContextBlock(elements=[MarkdownTextObject(text=about)]),
    ]


FIT_ROWS = ("spearman_raw", "bias", "exact", "within_one", "precision", "recall", "f1")


def _fit_blocks(report: CalibrationReport) -> list[Block]:
    fit = report.fitted
    if fit is None:
        return []
    lines = [f"{'':<23} {'as scored':>22} {'fitted to your reviewers':>26}"]
    for name, title, pattern in FAIR_ROWS:
        if name in FIT_ROWS:
            lines.append(
                f"{title:<23} {_interval(fit.before.scorer[name], pattern):>22} "
                f"{_interval(fit.after.scorer[name], pattern):>26}"
            )
    about = (
        f"*Calibrated to your reviewers*: the raw value mapped to 1-5 by ordinal cut-points fitted to your "
        f"{fit.labels} "
        f"labelled conversations, {fit.folds}-fold cross-validated (each conversation mapped by a fit without it); "
        f"95% intervals as above. The mapping ({fit.mapping.id}, fitted on all {fit.labels}) becomes a scorer "
        "version of its own: shadow it, then promote it."
    )
    return [DividerBlock(), SectionBlock(text=MarkdownTextObject(text=about + "\n" + _code(lines)))]


def calibration_blocks(report: CalibrationReport) -> list[Block]:
    policy, overall = report.policy, report.overall
    blocks: list[Block] = [
        HeaderBlock(text=f"Calibration: {report.scorer}"[:150]),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"*{overall.n}* labelled conversations · consensus: *{policy.rule.value}* of the reviewers · "
                    f"poor experience: consensus below {policy.poor_below:g} · human reference: one reviewer "
                    "against the consensus of the others on the same conversations"
                )
            ]
        ),
        *_fair_blocks(report),
        SectionBlock(text=MarkdownTextObject(text=_verdicts(report))),
        SectionBlock(
            text=MarkdownTextObject(
                text="*Agreement with the mean of all reviewers* (human ref: one reviewer vs the others)\n"
                + _figures(overall, report.reference)
            )
        ),
        SectionBlock(text=MarkdownTextObject(text="*Confusion matrix* (rows: consensus)\n" + _confusion(overall))),
    ]
    blocks += _fit_blocks(report)
    for dimension in ("channel", "journey", "team"):
        rows = [g for g in report.groups if g.dimension == dimension]
        if rows:
            title = f"*By {dimension}* (scorer, human reference in brackets; bias = scorer − consensus)"
            blocks += [DividerBlock(), SectionBlock(text=MarkdownTextObject(text=f"{title}\n{_bias_table(rows)}"))]
    if report.disputed:
        lines = [
            f"{esc(f'{d.conversation_id[:40]:<40}')} {' '.join(map(str, d.scores)):<14} sd {d.spread:.2f}"
            for d in report.disputed
        ]
        blocks += [
            DividerBlock(),
            SectionBlock(text=MarkdownTextObject(text="*Where reviewers disagree most*\n" + _code(lines))),
        ]
    if report.left_out:
        note = f"{report.left_out} labelled conversations left out: no evaluation by this scorer version."
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
    return blocks
