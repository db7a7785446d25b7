"""What people paste into `/cx`, made plain before it is parsed, and the one-line did-you-mean for a typo."""

from __future__ import annotations

import difflib
import re

# dashes and hyphens Slack and word processors produce (non-breaking, en, em, minus…) read as "-"
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
# quotes and backticks around a word are decoration: `billing`, “billing”, 'billing'
_QUOTES = dict.fromkeys(map(ord, "`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\"'"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")
_SPOKEN_RANGE = re.compile(r"\b(last|this|past)\s+(week|month)\b", re.IGNORECASE)
_SPOKEN_DAYS = re.compile(r"\b(?:last|past)\s+(\d{1,3})\s*(?:days?|d)\b", re.IGNORECASE)
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def plain(text: str) -> str:
    """``text`` with dashes, quotes, odd spaces and spoken ranges (``last week``, ``past 30 days``) made plain.

    Slack mentions (``<@U…|name>``) are kept as they came: they name a user, not text.
    """
    mentions = _MENTION.findall(text)
    held = _MENTION.sub("\x00", text)
    held = held.translate(_DASHES).translate(_SPACES).translate(_QUOTES)
    held = _SPOKEN_RANGE.sub(lambda m: f"{'last' if m.group(1).lower() == 'past' else m.group(1).lower()}-"
                             f"{m.group(2).lower()}", held)  # fmt: skip
    held = _SPOKEN_DAYS.sub(lambda m: f"last-{m.group(1)}d", held)
    for mention in mentions:
        held = held.replace("\x00", mention, 1)
    return " ".join(held.split())


def closest(word: str, choices: list[str]) -> str | None:
    """The choice ``word`` most likely meant (a typo), or None when nothing is close."""
    found = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return found[0] if found else None
