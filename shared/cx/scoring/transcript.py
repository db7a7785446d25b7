"""One conversation as the offline-v1 scorer reads it: each text's VADER score and each cue's hits, once.

Everything the scorer asks of a message (its sentiment, its sentences' sentiment for the evidence, which
cue patterns match it) is worked out at most once per conversation and kept only while that
conversation is scored: no cache shared between conversations, so none that thrashes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cx.domain.conversation import Message, Role
from cx.domain.evaluation import Evidence

from .evidence import quote_around
from .offline2.gates import may_match
from .sentiment import compound


class Transcript:
    def __init__(self, messages: Sequence[Message]) -> None:
        self.messages = messages
        # lowercase text for the substring gates, where it is ASCII: there lowercasing and the regexes'
        # case-insensitive matching agree exactly; other text goes to the regex ungated
        self._lowered = [m.text.lower() if m.text.isascii() else None for m in messages]
        self._turns: dict[Role | None, list[int]] = {None: list(range(len(messages)))}
        for role in (Role.CUSTOMER, Role.AGENT):
            self._turns[role] = [i for i, m in enumerate(messages) if m.role is role]
        self._joined: dict[Role | None, str | None] = {}
        for kind, turns in self._turns.items():
            texts = [self._lowered[i] for i in turns]
            self._joined[kind] = None if None in texts else "\n".join(t for t in texts if t is not None)
        self._moods: dict[str, float] = {}
        self._hits: dict[tuple[re.Pattern[str], Role | None], list[Evidence]] = {}

    def turns(self, role: Role) -> list[int]:
        """Indices of the messages of ``role``, in order."""
        return list(self._turns[role])

    def mood(self, text: str) -> float:
        """VADER compound of ``text`` (a message or one of its sentences), computed once."""
        value = self._moods.get(text)
        if value is None:
            value = self._moods[text] = compound(text)
        return value

    def hits(self, role: Role | None, pattern: re.Pattern[str]) -> list[Evidence]:
        """One piece of evidence per message of ``role`` (any role if None) that matches ``pattern``."""
        key = (pattern, role)
        found = self._hits.get(key)
        if found is None:
            found = self._hits[key] = []
            joined = self._joined[role]
            if joined is None or may_match(pattern, joined):
                for index in self._turns[role]:
                    text = self.messages[index].text
                    lowered = self._lowered[index]
                    if lowered is not None and not may_match(pattern, lowered):
                        continue
                    match = pattern.search(text)
                    if match:
                        found.append(Evidence(message_index=index, quote=quote_around(text, *match.span())))
        return list(found)

    def matches(self, index: int, pattern: re.Pattern[str]) -> bool:
        """Whether message ``index`` holds a match of ``pattern``."""
        lowered = self._lowered[index]
        if lowered is not None and not may_match(pattern, lowered):
            return False
        return pattern.search(self.messages[index].text) is not None
