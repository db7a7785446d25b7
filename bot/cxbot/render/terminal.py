"""Block Kit as a person would read it in Slack, rendered as plain terminal text."""

from __future__ import annotations

import re
from typing import Any

_EMOJI = {":warning:": "⚠"}
_BOLD = re.compile(r"\*(\S[^*\n]*?)\*")
_LINK = re.compile(r"<([^|>]+)\|([^>]+)>")


def _mrkdwn(text: str) -> str:
    for code, char in _EMOJI.items():
        text = text.replace(code, char)
    text = _LINK.sub(r"\2 (\1)", text)
    text = text.replace("```\n", "").replace("\n```", "").replace("```", "")
    text = _BOLD.sub(r"\1", text)
    return text.replace("`", "")


def _text(obj: dict[str, Any] | None) -> str:
    return _mrkdwn(obj.get("text", "")) if obj else ""


def render(blocks: list[dict[str, Any]], width: int = 72) -> str:
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = _text(block.get("text"))
            lines += [title, "=" * min(len(title), width)]
        elif kind == "section":
            if block.get("text"):
                accessory = block.get("accessory") or {}
                button = f"  [{_text(accessory.get('text'))}]" if accessory.get("type") == "button" else ""
                lines.append(_text(block["text"]) + button)
            fields = [_text(f).split("\n", 1) for f in block.get("fields", [])]
            for name_value in fields:
                name, value = [*name_value, ""][:2]
                lines.append(f"  {name:<26} {value}")
        elif kind == "context":
            lines.append("  " + " · ".join(_text(e) for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("-" * width)
        elif kind == "actions":
            labels = [_text(e.get("text")) for e in block.get("elements", [])]
            lines.append("  " + "  ".join(f"[{label}]" for label in labels))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
