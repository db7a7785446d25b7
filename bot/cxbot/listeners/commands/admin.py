"""`/cx admin …`: managers read and change the workspace configuration; every change is recorded."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from cx.access import Refused, viewer
from cx.workspace import ConfigConflict, InvalidSetting, change_settings, describe, describe_history, load
from cxbot.command_text import AdminQuery
from cxbot.render.mrkdwn import esc
from cxbot.services import BotServices

MANAGERS_ONLY = "Only managers can see or change the workspace configuration. Ask your support manager."


def _text(text: str) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=text))]


def admin_answer(query: AdminQuery, services: BotServices, user_id: str) -> tuple[str, list[Block]]:
    try:
        who = viewer(services.roles.get_roles() if services.roles else None, user_id)
    except Refused as refusal:
        return str(refusal), _text(str(refusal))
    if who.role != "manager":
        return MANAGERS_ONLY, _text(MANAGERS_ONLY)
    admin = services.workspace
    if admin is None:
        message = "This deployment has no config table (CX_CONFIG_TABLE), so there is nothing to configure."
        return message, _text(message)
    now = services.clock()
    if query.action == "history":
        text = describe_history(admin.store.history())
        return "Configuration history", _text(f"```{esc(text)}```")
    if query.action == "show":
        text = describe(load(admin.store, admin.defaults, now))
        return "Workspace configuration", _text(f"```{esc(text)}```")
    try:
        _, changes = change_settings(admin.store, admin.defaults, list(query.assignments), f"slack:{user_id}", now)
    except (InvalidSetting, ConfigConflict) as problem:
        message = f"Nothing was changed: {esc(problem)}"
        return message, [SectionBlock(text=MarkdownTextObject(text=f":warning: {message}"))]
    if not changes:
        return "Nothing to change", _text("Those settings already have these values; nothing was changed.")
    lines = [
        f"• `{esc(c.key)}`: {esc(c.before)} → {esc(c.after)}" + (f"\n   _{esc(c.note)}_" if c.note else "")
        for c in changes
    ]
    blocks: list[Block] = _text("Changed, and recorded with your name:\n" + "\n".join(lines))
    blocks.append(
        ContextBlock(
            elements=[MarkdownTextObject(text="In force within a minute. `/cx admin history` lists every change.")]
        )
    )
    return "Configuration changed", blocks
