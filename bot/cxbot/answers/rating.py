"""Who may rate a conversation (*Rate this* and its modal): one decision for the button and the submission."""

from __future__ import annotations

from cx.access import Refused, may_rate, viewer
from cxbot.services import BotServices

NOT_RATABLE = "You can't rate that conversation: it isn't one you may review (your own are rated by others)."


def rating_refusal(services: BotServices, user_id: str, conversation_id: str) -> str | None:
    """None when ``user_id`` may label the conversation; else what to say, the same whatever the reason,
    so a refusal tells nothing of a conversation the user cannot see (or whether it exists)."""
    try:
        who = viewer(services.roles.get_roles() if services.roles else None, user_id)
    except Refused as refusal:
        return str(refusal)
    found = services.cases.get_conversation(conversation_id) if services.cases and conversation_id else None
    if found is None or not may_rate(who, found.team, found.agent_id):
        return NOT_RATABLE
    return None
