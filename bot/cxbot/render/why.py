"""`/cx why` as Block Kit: the verdict, where the change happened, what changed, and the scorer's part."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from cx.explain import Explanation, headline
from cx.explain.examples import Example
from cx.explain.significance import MIN_EVALUATIONS, TOO_FEW, WITHIN_NOISE, Interval
from cx.explain.wording import cause_phrase, effect_phrase, factor_phrase, scope_name, scorer_phrase
from cx.scoring.versions import names_for
from cxbot.navigation import View
from cxbot.render.mrkdwn import esc
from cxbot.render.nav import nav_button
from cxbot.render.numbers import delta, percent, score

DECOMPOSITION_NOTE = (
    "Each cause is the segment that explains most of what the causes above it leave, looked inside (a team's "
    "channel or agent) when one part of it carries the change; *mix* = the share of evaluations moved between "
    "segments. The effects and the rest add up to the change."
)


def _md(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _interval(i: Interval | None, pp: bool = False) -> str:
    if i is None:
        return "no interval: too few evaluations"
    if pp:
        return f"95% interval {i.low * 100:+.0f} to {i.high * 100:+.0f} pp"
    return f"95% interval {i.low:+.2f} to {i.high:+.2f}"


def _is_it_real(e: Explanation) -> str:
    s, t = e.significance, e.significance.pass_threshold
    lines = [
        f"Average CX {score(s.before.avg_score)} → *{score(s.after.avg_score)}* ({delta(e.change)}; "
        f"{_interval(s.score)})",
        f"% pass (CX ≥ {t}) {percent(s.before.pass_rate(t))} → *{percent(s.after.pass_rate(t))}* "
        f"({delta(_diff(s.after.pass_rate(t), s.before.pass_rate(t)), 'pp')}; {_interval(s.pass_rate, pp=True)})",
        f"Evaluations {s.before.evaluations} → {s.after.evaluations}"
        + (f", cases {s.before.cases} → {s.after.cases}" if s.before.cases or s.after.cases else "")
        + _per_case(s.design),
    ]
    if s.verdict == TOO_FEW:
        verdict = f"*Too few evaluations to tell*: {MIN_EVALUATIONS} are needed in each period."
    else:
        verdict = f"Verdict: *{s.verdict}*" + (
            " (the interval includes no change)" if s.verdict == WITHIN_NOISE else ""
        )
    return "*1. Is it real?*\n" + "\n".join(lines) + f"\n{verdict}"


def _per_case(design: tuple[float, float]) -> str:
    """Contacts of one case score alike: the intervals are per case, wider by the square root of the design effect."""
    widest = max(design)
    return (
        "" if widest <= 1.0 else f" (intervals per case: a case's contacts score alike, up to ×{widest**0.5:.2f} wider)"
    )


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _where(e: Explanation) -> str:
    if not e.causes:
        return "*2. Where?*\nNo segment moved beyond noise that explains part of the change."
    real = e.significance.is_real  # a share of a change within noise says little (it may be 400%)
    rows = [
        f"{n}. {esc(cause_phrase(c))}: *{effect_phrase(c) if real else f'{c.effect:+.2f}'}*"
        for n, c in enumerate(e.causes, 1)
    ]
    if real and e.unexplained is not None and e.change:
        rows.append(
            f"Not explained by these: {e.unexplained:+.2f}, {e.unexplained / e.change * 100:.0f}% of the change"
        )
    caveat = "" if e.significance.is_real else "\n_The change is not beyond noise, so these may be chance._"
    return "*2. Where?* (each on what the ones above leave)\n" + "\n".join(rows) + caveat


def _example_line(x: Example) -> str:
    quote = x.quotes[0].replace("\n", " ") if x.quotes else x.summary
    return f"    > “{esc(quote)}” — CX {x.cx_score}, case `{esc(x.case_id)}`"


def _what(e: Explanation, view: View) -> list[Block]:
    if not e.factors:
        what = "the slice" if e.filters else "low-scored conversations (CX 1-2)"
        return [_md(f"*3. What changed in the conversations?*\nNo reason factor moved the way of the change "
                    f"among {what} often enough to compare.")]  # fmt: skip
    blocks: list[Block] = [_md("*3. What changed in the conversations?* (reasons in low-scored conversations, CX 1-2)")]
    for n, factor in enumerate(e.factors, 1):
        examples = e.examples.get(factor.factor, [])
        lines = [f"{n}. *{esc(factor_phrase(factor))}*", *(_example_line(x) for x in examples)]
        blocks.append(_md("\n".join(lines)))
        if examples:
            buttons = [
                nav_button(f"Open case {x.case_id}", view.to("case", case_id=x.case_id, journey=None), f"f{n}x{i}")
                for i, x in enumerate(examples)
            ]
            blocks.append(ActionsBlock(block_id=f"why-examples-{n}", elements=buttons))
    return blocks


def _scorer(e: Explanation) -> str:
    mix = e.scorer
    shares = []
    name = names_for([*mix.before, *mix.after])
    for label, after in (("previous period", False), ("this period", True)):
        parts = ", ".join(f"`{esc(name[v])}` {percent(s)}" for v, s in mix.shares(after).items()) or "no evaluations"
        shares.append(f"{label}: {parts}")
    lines = ["*4. Is it the customers or the scorer?*", "Scorer versions: " + "; ".join(shares)]
    for change in mix.changes:
        lines.append(f"◆ {change.day:%a %d %b}: {esc(change.describe())}")
    lines.append(
        f":warning: {esc(scorer_phrase(e))}."
        if not mix.like_for_like
        else "One scorer version scored both periods: the comparison is like for like."
    )
    a = e.agreement
    if a is None:
        lines.append("Agreement with human labels: no labelled conversations yet (`/cx calibration`).")
    else:
        met = "meets" if a.target_met else "misses"
        lines.append(
            f"Latest agreement with human labels (`{esc(a.scorer)}`): kappa {a.kappa:.2f} on {a.labelled} labelled "
            f"conversations; it {met} the targets."
        )
    return "\n".join(lines)


def why_text(e: Explanation) -> str:
    return esc(headline(e))


def why_blocks(e: Explanation, view: View, chart_note: str | None = None) -> list[Block]:
    blocks: list[Block] = [
        HeaderBlock(text=f"Why did CX move? {scope_name(e)}"[:150]),
        ContextBlock(
            elements=[MarkdownTextObject(text=f"*{e.period.describe()}* · vs {e.period.previous().describe()}")]
        ),
        _md(esc(headline(e))),
        DividerBlock(),
        _md(_is_it_real(e)),
        _md(_where(e)),
        ContextBlock(elements=[MarkdownTextObject(text=DECOMPOSITION_NOTE)]),
        *_what(e, view),
        _md(_scorer(e)),
    ]
    if chart_note:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=chart_note)]))
    return blocks
