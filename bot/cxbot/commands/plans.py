"""`/cx plans`, `/cx plans view <id>`, `/cx plans close <id> [note]`: coaching plans."""

from __future__ import annotations

from cxbot.answers.plans import plans_reply
from cxbot.answers.show import Reply
from cxbot.command_text import HelpQuery, PlansQuery, Query
from cxbot.commands.table import Asked, Subcommand


def parse(args: list[str]) -> Query:
    if not args or args[0].lower() == "list":
        return PlansQuery()
    action = args[0].lower()
    if action not in ("view", "close") or len(args) < 2:
        return HelpQuery("Use `/cx plans`, `/cx plans view <plan id>` or `/cx plans close <plan id> [note]`.")
    if action == "view" and len(args) > 2:
        return HelpQuery("`/cx plans view` takes one plan id.")
    return PlansQuery(action, args[1], " ".join(args[2:]) or None)


def answer(query: PlansQuery, asked: Asked) -> Reply:
    return plans_reply(query, asked.services, asked.user_id)


COMMAND = Subcommand(
    coming="the coaching plans",
    name="plans",
    usage="/cx plans",
    summary="coaching plans: list them; `/cx plans view <id>`, `/cx plans close <id> [note]`.",
    parse=parse,
    answer=answer,
)
