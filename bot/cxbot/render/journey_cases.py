"""One journey's view: its figures and trend, then its cases worst first, a page at a time."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, MarkdownTextObject, SectionBlock

from cx.reports.cases import CasePage, CaseRow
from cx.reports.journey import JourneyReport
from cxbot.navigation import View
from cxbot.render.journey import journey_blocks
from cxbot.render.mrkdwn import esc
from cxbot.render.nav import breadcrumb, button_rows, export_button, nav_button, pager
from cxbot.render.numbers import score


def case_line(row: CaseRow) -> str:
    f = row.figures
    return (
        f"*{esc(row.case_id)}* · {row.day:%a %d %b} · CX {score(f.avg_score)} · "
        f"{f.evaluations} evaluated contact{'s' if f.evaluations != 1 else ''} · {esc(row.outcome or '–')}"
    )


def cases_blocks(cases: CasePage, view: View) -> list[Block]:
    if not cases.total:
        return [SectionBlock(text=MarkdownTextObject(text="*Cases*\nNo counted cases in this range."))]
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=f"*Cases, worst first* ({cases.total})")),
    ]
    for i, row in enumerate(cases.rows):
        blocks.append(
            SectionBlock(
                block_id=f"case-{i}",
                text=MarkdownTextObject(text=case_line(row)),
                accessory=nav_button("Open", view.to("case", case_id=row.case_id), i),
            )
        )
    return blocks + pager(view, cases.page, cases.pages, "Cases")


def journey_view_blocks(report: JourneyReport, cases: CasePage | None, view: View, note: str = "") -> list[Block]:
    head, *rest = journey_blocks(report)
    blocks: list[Block] = [head, *breadcrumb(view, report.journey)]
    if note:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
    blocks += rest
    if cases is not None:
        blocks += [DividerBlock(), *cases_blocks(cases, view)]
    blocks += button_rows([export_button(view)], "journey-controls")
    return blocks
