"""One case: its contacts in order, each with its score and a button into its evaluation."""

from __future__ import annotations

from collections.abc import Mapping

from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from cx.reports.case import CaseView
from cxbot.navigation import View
from cxbot.render.fields import labelled_fields
from cxbot.render.mrkdwn import esc
from cxbot.render.nav import breadcrumb, button_rows, export_button, nav_button, pager
from cxbot.render.numbers import score

CONTACTS_PER_PAGE = 20  # with the header, breadcrumb, figures and pager, a page stays well under 50 blocks


def case_text(case: CaseView) -> str:
    return f"Case {esc(case.case_id)}: {len(case.contacts)} contacts, average CX {score(case.avg_score)}"


def case_blocks(case: CaseView, view: View, names: Mapping[str, str] | None = None) -> list[Block]:
    """``names``: agent id -> name, for contacts whose data carries no agent name."""
    names = names or {}
    outcome = case.outcome.value if case.outcome else "no outcome yet"
    blocks: list[Block] = [
        HeaderBlock(text=f"Case {case.case_id}"[:150]),
        *breadcrumb(view, f"case {case.case_id}", case.journey),
        labelled_fields(
            [
                ("Journey", esc(case.journey or "–")),
                ("Outcome", outcome),
                ("Average CX score", score(case.avg_score)),
                ("Contacts", str(len(case.contacts))),
            ]
        ),
    ]
    pages = max(1, -(-len(case.contacts) // CONTACTS_PER_PAGE))
    page = min(view.page, pages - 1)
    first = page * CONTACTS_PER_PAGE
    for i, (contact, evaluation) in enumerate(case.contacts[first : first + CONTACTS_PER_PAGE], start=first):
        when = f"{contact.when:%a %d %b %H:%M}" if contact.when else "undated"
        agent = contact.agent_name or names.get(contact.agent_id or "") or contact.agent_id or "no agent"
        if evaluation is None:
            scored = "not evaluated"
        elif not evaluation.published:
            scored = f"CX {evaluation.cx_score} (unpublished, not counted)"
        else:
            scored = f"CX {evaluation.cx_score}"
        line = f"*{contact.channel.value}* · {when} · {esc(agent)} · {scored}"
        section = SectionBlock(block_id=f"contact-{i}", text=MarkdownTextObject(text=line))
        if evaluation is not None:
            section.accessory = nav_button("Evaluation", view.to("evaluation", conversation_id=contact.id), i)
        blocks.append(section)
    blocks += pager(view, page, pages, f"{len(case.contacts)} contacts")
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text="Only published evaluations count toward scores.")]))
    return blocks + button_rows([export_button(view)], "case-controls")
