"""The parts of a help-desk conversation as contacts of one case, each a record in the product's JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cx.webhooks.text import plain


@dataclass
class Contact:
    channel: str
    messages: list[dict[str, Any]] = field(default_factory=list)


def message(role: str, html: str | None, at: str | None, attachments: list[str]) -> dict[str, Any] | None:
    """HTML to text; each attachment noted by name (the file itself stays in the help desk)."""
    lines = [plain(html or "")] + [f"[attachment: {name}]" for name in attachments]
    text = "\n".join(line for line in lines if line)
    if not text:
        return None
    return {k: v for k, v in {"role": role, "text": text, "at": at}.items() if v}


def records(case_id: str, contacts: list[Contact], common: dict[str, Any]) -> list[dict[str, Any]]:
    """One record a contact (ids `<case>`, `<case>-c2`, …), the case's fields on each; empty contacts dropped."""
    kept = [c for c in contacts if c.messages]
    out = []
    for number, contact in enumerate(kept, start=1):
        record = {
            **common,
            "id": case_id if number == 1 else f"{case_id}-c{number}",
            "case_id": case_id,
            "channel": contact.channel,
            "messages": contact.messages,
            "started_at": next((m["at"] for m in contact.messages if m.get("at")), None),
        }
        out.append({k: v for k, v in record.items() if v is not None})
    return out
