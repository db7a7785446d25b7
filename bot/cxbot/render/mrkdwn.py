"""The one escape for text from data or from a user that goes into Slack mrkdwn.

Slack reads ``<...>`` as a mention, a broadcast (``<!channel>``, ``<!here>``) or a link whose label can
disguise its address (``<http://evil|SSO login>``), and ``&`` starts an entity. Escaping these three
characters shows the text as written and nothing else: every renderer passes names, ids, quotes, reasons
and echoed input through ``esc`` at the point where it puts them into mrkdwn.
"""

from __future__ import annotations

import re

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")


def esc(value: object) -> str:
    """``value`` as text that Slack shows literally in mrkdwn (``&``, ``<``, ``>`` as entities)."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mention(user_id: str) -> str:
    """``<@U…>`` for a Slack user id; anything else (an id from the data, say) shown as escaped text."""
    return f"<@{user_id}>" if _USER_ID.match(user_id) else esc(user_id)
