"""`/cx admin …`: managers read and change the workspace configuration; every change is recorded."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from cx.workspace.changes import InvalidSetting
from cx.workspace.describe import describe, describe_history
from cx.workspace.store import ConfigConflict, change_settings, load
from cxbot.answers.show import Reply
from cxbot.command_text import AdminQuery, HelpQuery, Query
from cxbot.commands.table import MANAGERS, Asked, Subcommand
from cxbot.render.mrkdwn import esc
from cxbot.services import BotServices

MANAGERS_ONLY = "Only managers can see or change the workspace configuration. Ask your support manager."


def _text(text: str) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=text))]


def parse(args: list[str]) -> Query:
    action = args[0].lower() if args else "show"
    if action not in ("show", "history", "set") or (action == "set" and len(args) < 2):
        return HelpQuery(
            "`/cx admin` takes `show`, `history` or `set key=value …`, e.g. `/cx admin set pass_threshold=4`."
        )
    return AdminQuery(action, tuple(args[1:]))


def answer(query: AdminQuery, asked: Asked) -> Reply:
    return Reply(*admin_answer(query, asked.services, asked.user_id))


def admin_answer(query: AdminQuery, services: BotServices, user_id: str) -> tuple[str, list[Block]]:
    """For a manager (the table refuses anyone else before this runs)."""
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
        shown = _text(f"```{esc(text)}```")
        if admin.scorers is not None:
            versions = "\n".join(admin.scorers())
            shown += _text(
                f"*Scorer versions* (* active, ~ shadowing)\n```{esc(versions)}```\n"
                "`cx scorer create`, `cx shadow start`, `cx promote` change them (recorded with who and when)."
            )
        return "Workspace configuration", shown
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


COMMAND = Subcommand(
    coming="the workspace settings",
    name="admin",
    usage="/cx admin show | history | set key=value …",
    summary="(managers) the workspace configuration: pass threshold, time zone, journey aliases and inquiries, "
    "drift channel; every change recorded with who and when.",
    parse=parse,
    answer=answer,
    roles=MANAGERS,
    refusal=MANAGERS_ONLY,
)
