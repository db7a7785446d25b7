"""Reading what the fake Slack received: texts of blocks, buttons by label, CSV uploads."""

from __future__ import annotations

import csv
import io
from typing import Any


def all_text(message: dict[str, Any]) -> str:
    parts = []
    for block in message.get("blocks", []):
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        elif isinstance(block.get("text"), str):
            parts.append(block["text"])
        parts += [f["text"] for f in block.get("fields", [])]
        parts += [e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return "\n".join(parts)


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for block in message.get("blocks", []):
        if (accessory := block.get("accessory")) and accessory.get("type") == "button":
            found.append({**accessory, "block_id": block.get("block_id", "")})
        if block.get("type") == "actions":
            found += [{**e, "block_id": block.get("block_id", "")} for e in block["elements"] if e["type"] == "button"]
    return found


def button(message: dict[str, Any], label: str) -> dict[str, Any]:
    labelled = [b for b in buttons(message) if b["text"]["text"] == label]
    assert labelled, f"no button {label!r}; buttons: {[b['text']['text'] for b in buttons(message)]}"
    return labelled[0]


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode())))
