"""Message bodies from support tools arrive as HTML: plain text for scoring."""

from __future__ import annotations

import html
import re

_BREAK = re.compile(r"(?i)<\s*(br|/p|/div|/li)\s*/?>")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t]+")


def plain(body: str) -> str:
    text = _TAG.sub("", _BREAK.sub("\n", body))
    lines = [_SPACE.sub(" ", line).strip() for line in html.unescape(text).splitlines()]
    return "\n".join(line for line in lines if line)
