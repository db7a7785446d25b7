"""All journeys in one table, with a button into each and a toggle for journeys without cases."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from cx.reports.journeys import JourneyRow, JourneysReport
from cxbot.navigation import View
from cxbot.render.limits import SECTION_TEXT, chunk_lines, clip
from cxbot.render.mrkdwn import esc
from cxbot.render.nav import breadcrumb, button_rows, export_button, nav_button, pager
from cxbot.render.numbers import delta, percent, score
from cxbot.render.verdict import LEGEND
from cxbot.render.verdict import mark as verdict_mark

NAME_WIDTH = 17
ROWS_PER_PAGE = 25  # a page's table stays under a section's 3,000 characters and its buttons fit one row
MIXED = "◆"  # after a journey's name: its figures mix scorer versions
OUTCOME_SHORT = {"resolved": "res", "unresolved": "unres", "escalated": "esc", "abandoned": "aband"}


def _outcomes(row: JourneyRow) -> str:
    shares = row.current.outcome_shares()
    return " ".join(f"{OUTCOME_SHORT.get(k, k)} {v * 100:.0f}%" for k, v in shares.items() if v)


def _line(row: JourneyRow, report: JourneysReport) -> str:
    t, c = report.pass_threshold, row.current
    mark = MIXED if row.journey in report.mixed_versions else " "
    name = row.journey if len(row.journey) <= NAME_WIDTH else row.journey[: NAME_WIDTH - 1] + "…"
    return (
        f"{esc(f'{name:<{NAME_WIDTH}}')}{mark}{c.cases:>6}{c.evaluations:>6}{score(c.avg_score):>8}"
        f"{_short(delta(row.score_change())):>8}{verdict_mark(row.previous, c, t):>6}"
        f"{percent(c.pass_rate(t)):>6}"
        f"{_short(delta(row.pass_rate_change(t), 'pp')):>8}  {_outcomes(row)}"
    )


def table_lines(report: JourneysReport, page: int = 0) -> list[str]:
    """The header, a page of journeys and, under a rule, the totals of every journey with cases."""
    head = (
        f"{'journey':<{NAME_WIDTH + 1}}{'cases':>6}{'evals':>6}{'avg CX':>8}{'Δ':>8}{'':>6}{'pass':>6}{'Δ pp':>8}"
        "  outcomes"
    )
    rows = report.rows[page * ROWS_PER_PAGE : (page + 1) * ROWS_PER_PAGE]
    lines = [head, *(_line(row, report) for row in rows)]
    return [*lines, "─" * len(head), _line(report.totals(), report)]


def pages(report: JourneysReport) -> int:
    return max(1, -(-len(report.rows) // ROWS_PER_PAGE))


def _short(text: str) -> str:
    return {"no earlier data": "–", "→ no change": "="}.get(text, text.replace(" pp", ""))


def journeys_text(report: JourneysReport) -> str:
    return f"CX by journey, {report.period.describe()}: {len(report.rows)} journeys with cases"  # no data in it


def journeys_blocks(report: JourneysReport, view: View) -> list[Block]:
    previous = report.period.previous()
    where = f" · {esc(report.slice.describe())}" if not report.slice.is_all else ""
    blocks: list[Block] = [
        HeaderBlock(text="CX by journey"),
        *breadcrumb(view, "All journeys"),
        ContextBlock(
            elements=[MarkdownTextObject(text=f"*{report.period.describe()}* · vs {previous.describe()}{where}")]
        ),
    ]
    if report.rows:
        page = min(view.page, pages(report) - 1)
        blocks += [SectionBlock(text=MarkdownTextObject(text=t)) for t in chunk_lines(table_lines(report, page))]
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"Δ against the period before. {LEGEND}")]))
        if report.mixed_versions & {r.journey for r in report.rows}:
            note = (
                f"{MIXED} scored by more than one scorer version in this period or the one before: a change may be "
                "the scorer's (`/cx why <journey>` compares like for like)."
            )
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
        shown = report.rows[page * ROWS_PER_PAGE : (page + 1) * ROWS_PER_PAGE]
        buttons = [nav_button(r.journey, view.to("journey", journey=r.journey), i) for i, r in enumerate(shown)]
        blocks += button_rows(buttons, "journeys")
        blocks += pager(view, page, pages(report), f"{len(report.rows)} journeys")
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="No journey has counted cases in this range.")))
    if view.show_empty and report.empty:
        names = ", ".join(f"`{esc(j)}`" for j in report.empty)
        text = clip(f"*No cases in range* ({len(report.empty)}): {names}", SECTION_TEXT)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text)))
    elif view.show_empty:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="*No cases in range:* none, every journey has cases.")))
    toggle = view.to("journeys", show_empty=not view.show_empty)
    controls = [nav_button("Hide empty" if view.show_empty else "Show empty", toggle, "empty"), export_button(view)]
    blocks += button_rows(controls, "journeys-controls")
    return blocks
