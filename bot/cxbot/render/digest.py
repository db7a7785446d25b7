"""The weekly digest as Block Kit, its fallback text, and its chart (small multiples, one panel a journey)."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from cx.digest.movers import Mover
from cx.digest.report import Digest
from cx.digest.review import ReviewPick
from cx.digest.variation import Verdict, verdict
from cx.digest.weekly import SCORE_FLOOR, Headline, Series
from cxbot.charts.line import Marker
from cxbot.charts.small_multiples import Panel, SmallMultiples
from cxbot.navigation import View
from cxbot.render.health import health_line
from cxbot.render.mrkdwn import esc
from cxbot.render.not_scored import not_scored_line
from cxbot.render.numbers import delta, percent, score

WHY_ACTION = "cx_why"  # the explanation engine's listener answers it
CASE_ACTION = "cx_digest_case"  # opens the case view for the clicker only


def _scope(digest: Digest) -> str:
    return "all journeys" if digest.all_journeys else ", ".join(digest.journeys)


def _span(digest: Digest) -> str:
    p = digest.period
    return f"{p.start:%d %b} – {p.end:%d %b %Y}"


def _unit(digest: Digest) -> str:
    """The period in plain words: a week, a month, or "30-day period" for any other range (plural: add "s")."""
    if digest.period.unit in ("week", "month") or digest.period.days == 7:
        return "week" if digest.period.days == 7 or digest.period.unit == "week" else "month"
    return f"{digest.period.days}-day period"


def digest_text(digest: Digest) -> str:
    s = digest.score
    return (
        f"CX digest, {esc(_scope(digest))}, {_span(digest)}: average CX {score(s.now)} ({delta(s.change)} on last "
        f"{_unit(digest)}), {percent(digest.pass_rate.now)} pass. {_verdict_words(s.verdict, digest, 'average')}"
    )


def _verdict_words(v: Verdict, digest: Digest, what: str) -> str:
    unit, n = _unit(digest), len(digest.spans) - 1
    pp = what == "% pass"
    typical = "–" if v.typical is None else (f"±{v.typical * 100:.0f} pp" if pp else f"±{v.typical:.2f}")
    if v.beyond is None:
        return f"Not enough history to judge the change in {what} ({v.changes_seen} earlier {unit}-to-{unit} changes)."
    if v.beyond:
        direction = "rise" if (v.change or 0) > 0 else "drop"
        return f"The {direction} in {what} is *beyond* normal {unit}-to-{unit} variation (typical change {typical})."
    return (
        f"The change in {what} is within normal {unit}-to-{unit} variation (typical change {typical} over {n} {unit}s)."
    )


def _headline(name: str, h: Headline, digest: Digest, pp: bool) -> MarkdownTextObject:
    value = percent(h.now) if pp else score(h.now)
    baseline = percent(h.baseline) if pp else score(h.baseline)
    unit = "pp" if pp else ""
    n = len(digest.spans) - 1
    return MarkdownTextObject(
        text=f"*{name}*\n{value}  {delta(h.change, unit)} on last {_unit(digest)} · "
        f"{delta(h.against_baseline, unit)} on the average of the {n} {_unit(digest)}s before ({baseline})"
    )


def _mover(m: Mover, digest: Digest, slot: str) -> SectionBlock:
    arrow = delta(m.change)
    # one verdict a mover: the why line's, the one `/cx why` and the Why? button give; the week-to-week variation
    # only where no why line judges the change
    flag = " · _beyond normal variation_" if m.verdict.beyond and not m.why else ""
    why = esc(m.why or "no single channel stands out")
    value = json.dumps({"journey": m.journey, "range": digest.period.label}, separators=(",", ":"))
    return SectionBlock(
        block_id=f"mover-{slot}",
        text=MarkdownTextObject(
            text=f"*{esc(m.journey)}*  {m.last:.2f} → {m.now:.2f} ({arrow}, {m.evaluations} evaluations){flag}\n_{why}_"
        ),
        accessory=ButtonElement(text="Why?", action_id=WHY_ACTION, value=value),
    )


def _pick(p: ReviewPick, digest: Digest, slot: int) -> SectionBlock:
    outcome = f" · {esc(p.outcome)}" if p.outcome else ""
    reason = f"\n{esc(p.reason)}" if p.reason else ""
    view = View("case", range_text=digest.period.label, case_id=p.case_id)
    head = f"*Not scored ({esc(p.not_scored)})*" if p.not_scored else f"*CX {p.score}*"
    tail = "needs a human look" if p.not_scored else f"{p.negatives} negative reasons"
    return SectionBlock(
        block_id=f"review-{slot}",
        text=MarkdownTextObject(
            text=f"{head} · {esc(p.journey)} · {esc(p.channel)}{outcome} · case `{esc(p.case_id)}` ({tail}){reason}"
        ),
        accessory=ButtonElement(text="Open case", action_id=CASE_ACTION, value=view.encode()),
    )


def digest_blocks(digest: Digest, chart_note: str = "Chart: the trend per journey, in the thread.") -> list[Block]:
    unit, n = _unit(digest), len(digest.spans) - 1
    blocks: list[Block] = [
        HeaderBlock(text=f"CX digest: {_scope(digest)}"[:150]),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"*{_span(digest)}* · against last {unit} and the {n} {unit}s before · "
                    f"{digest.evaluations} evaluations"
                )
            ]
        ),
    ]
    if digest.evaluations == 0:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="No evaluations in this period.")))
        return blocks
    blocks += [
        SectionBlock(
            fields=[
                _headline("Average CX score", digest.score, digest, pp=False),
                _headline(f"% pass (CX ≥ {digest.pass_threshold})", digest.pass_rate, digest, pp=True),
            ]
        ),
        SectionBlock(
            text=MarkdownTextObject(
                text=_verdict_words(digest.score.verdict, digest, "average CX score")
                + "\n"
                + _verdict_words(digest.pass_rate.verdict, digest, "% pass")
            )
        ),
        ContextBlock(elements=[MarkdownTextObject(text=chart_note)]),
        DividerBlock(),
    ]
    moves = digest.movers
    if moves.up or moves.down:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*Top movers on last {unit}*")))
        blocks += [_mover(m, digest, f"down-{i}") for i, m in enumerate(moves.down)]
        blocks += [_mover(m, digest, f"up-{i}") for i, m in enumerate(moves.up)]
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="*Top movers*\nNo journey has enough evaluations.")))
    blocks.append(DividerBlock())
    unread = not_scored_line(digest.overall.now.not_scored_language)
    if digest.review:
        head = "*Worth a manual QA review* (CX 1-3, most severe" + (f"; {unread}" if unread else "") + ")"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=head)))
        blocks += [_pick(p, digest, i) for i, p in enumerate(digest.review)]
    else:
        none = "No case scored 1-3." + (f" {unread}." if unread else "")
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*Worth a manual QA review*\n{none}")))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=health_line(digest.health))]))
    return blocks


CHART_JOURNEYS = 11  # with the overall panel, 4 rows of 3: about 780 x 750 px


def digest_chart(digest: Digest) -> SmallMultiples:
    def panel(series: Series, title: str) -> Panel:
        values = series.scores()
        points = [(span.end, value) for span, value in zip(digest.spans, values, strict=True)]
        judged = verdict(values, SCORE_FLOOR)
        moved = "" if judged.change is None else f" ({delta(judged.change)})"
        colour = None
        if judged.beyond and judged.change is not None:
            colour = "tab:green" if judged.change > 0 else "tab:red"  # a rise is good news
        # the score and change first: a long journey name is cut from the end, never the figures
        return Panel(f"{score(values[-1])}{moved} {title}", points, series.baseline.avg_score, colour)

    drawn = [s for s in digest.by_journey if s.baseline.evaluations or s.now.evaluations]
    # the chart stays a sane size however many journeys: the biggest movers are drawn, the rest counted
    drawn.sort(key=lambda s: -abs(verdict(s.scores(), SCORE_FLOOR).change or 0.0))
    left_out = len(drawn) - CHART_JOURNEYS
    panels = [panel(digest.overall, "All" if digest.all_journeys else "Together")]
    panels += [panel(s, s.name) for s in drawn[:CHART_JOURNEYS]]
    more = (f"{left_out} more journeys not drawn (`/cx journeys`)",) if left_out > 0 else ()
    return SmallMultiples(
        title=f"Average CX score per {_unit(digest)}, {digest.spans[0].start:%d %b} – {digest.period.end:%d %b %Y}",
        panels=panels,
        markers=[Marker(day, label) for day, label in digest.markers],
        notes=(
            f"dotted: the {len(digest.spans) - 1} earlier {_unit(digest)}s' average",
            "green / red: a rise / drop beyond normal variation",
            "dashed: scorer version change",
            *more,
        ),
    )
