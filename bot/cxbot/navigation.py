"""What a reply shows, small enough to ride in a button's value (Slack allows 2,000 characters)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from cxbot.command_text import DEFAULT_RANGE, CaseQuery, JourneyQuery, JourneysQuery

MAX_VALUE = 2000
KINDS = ("journeys", "journey", "case", "evaluation")


@dataclass(frozen=True)
class View:
    kind: str  # journeys | journey | case | evaluation
    range_text: str = DEFAULT_RANGE
    journey: str | None = None
    case_id: str | None = None
    conversation_id: str | None = None
    page: int = 0
    filters: tuple[tuple[str, str], ...] = ()
    show_empty: bool = False
    share: bool = False

    def to(self, kind: str, **changes: Any) -> View:
        """The view a button leads to: same range, filters and sharing; a fresh page (unless ``changes`` names one)."""
        return replace(replace(self, kind=kind, page=0), **changes)

    def encode(self) -> str:
        data = {
            "k": self.kind,
            "r": self.range_text,
            "j": self.journey,
            "c": self.case_id,
            "v": self.conversation_id,
            "p": self.page or None,
            "f": [list(f) for f in self.filters] or None,
            "e": self.show_empty or None,
            "s": self.share or None,
        }
        text = json.dumps({k: v for k, v in data.items() if v is not None}, separators=(",", ":"))
        if len(text) > MAX_VALUE:
            raise ValueError(f"view state of {len(text)} characters does not fit a button value")
        return text

    @classmethod
    def decode(cls, text: str) -> View:
        data = json.loads(text)
        if data.get("k") not in KINDS:
            raise ValueError(f"unknown view {data.get('k')!r}")
        return cls(
            kind=data["k"],
            range_text=str(data.get("r", DEFAULT_RANGE)),
            journey=data.get("j"),
            case_id=data.get("c"),
            conversation_id=data.get("v"),
            page=int(data.get("p", 0)),
            filters=tuple((str(n), str(v)) for n, v in data.get("f", [])),
            show_empty=bool(data.get("e", False)),
            share=bool(data.get("s", False)),
        )

    @classmethod
    def of(cls, query: JourneysQuery | JourneyQuery | CaseQuery) -> View:
        if isinstance(query, JourneysQuery):
            return cls("journeys", query.range_text, filters=query.filters, share=query.share)
        if isinstance(query, JourneyQuery):
            return cls("journey", query.range_text, journey=query.journey, filters=query.filters, share=query.share)
        return cls("case", case_id=query.case_ref, share=query.share)
