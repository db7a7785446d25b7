"""Drill-down buttons, the breadcrumb back up, and page controls. Buttons carry the view they open."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, ContextBlock, MarkdownTextObject

from cxbot.navigation import View
from cxbot.render.mrkdwn import esc

NAV_ACTION = "cx_nav"  # every navigation button's action_id starts with this
EXPORT_ACTION = "cx_export"
MAX_BUTTONS_PER_BLOCK = 25


def nav_button(label: str, view: View, slot: str | int, style: str | None = None) -> ButtonElement:
    # action_ids must be unique within a block, so each button gets a slot suffix
    return ButtonElement(text=label[:75], action_id=f"{NAV_ACTION}:{slot}", value=view.encode(), style=style)


def export_button(view: View) -> ButtonElement:
    return ButtonElement(text="Export CSV", action_id=EXPORT_ACTION, value=view.encode())


def button_rows(buttons: list[ButtonElement], block_id: str) -> list[Block]:
    return [
        ActionsBlock(block_id=f"{block_id}-{i}", elements=buttons[i : i + MAX_BUTTONS_PER_BLOCK])
        for i in range(0, len(buttons), MAX_BUTTONS_PER_BLOCK)
    ]


def trail(view: View, journey: str | None = None) -> list[tuple[str, View]]:
    """The way back up: (label, view) from all journeys down to, and excluding, the current view."""
    steps: list[tuple[str, View]] = []
    if view.kind == "journeys":
        return steps
    steps.append(("All journeys", view.to("journeys", journey=None, case_id=None, conversation_id=None)))
    journey = journey or view.journey
    if view.kind in ("case", "evaluation") and journey:
        steps.append((journey, view.to("journey", journey=journey, case_id=None, conversation_id=None)))
    if view.kind == "evaluation":
        steps.append((f"case {view.case_id}", view.to("case", conversation_id=None)))
    return steps


def breadcrumb(view: View, here: str, journey: str | None = None) -> list[Block]:
    """A line showing where the user is, and a button for each level above."""
    steps = trail(view, journey)
    line = " › ".join([*(esc(label) for label, _ in steps), f"*{esc(here)}*"])
    blocks: list[Block] = [ContextBlock(block_id="breadcrumb", elements=[MarkdownTextObject(text=line)])]
    if steps:
        buttons = [nav_button(f"↑ {label}", target, f"up{i}") for i, (label, target) in enumerate(steps)]
        blocks.append(ActionsBlock(block_id="breadcrumb-up", elements=buttons))
    return blocks


def pager(view: View, page: int, pages: int, what: str) -> list[Block]:
    if pages <= 1:
        return []
    buttons = []
    if page > 0:
        buttons.append(nav_button("◀ Previous", view.to(view.kind, page=page - 1), "prev"))
    if page < pages - 1:
        buttons.append(nav_button("Next ▶", view.to(view.kind, page=page + 1), "next"))
    return [
        ContextBlock(elements=[MarkdownTextObject(text=f"{what}: page {page + 1} of {pages}")]),
        ActionsBlock(block_id="pager", elements=buttons),
    ]
