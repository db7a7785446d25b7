"""Text from data into mrkdwn: the three characters Slack reads as control characters, escaped."""

from __future__ import annotations


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
