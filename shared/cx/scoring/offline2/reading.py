"""One reading of a conversation: every sentence found once, every customer message scored once.

VADER reads each customer message once (politeness masked, see cues.POLITE); sentences are split once,
and the quotes of the reasons are chosen among them by their words' VADER valence (a lexicon look-up,
no second VADER call). Everything the scorer finds comes from this reading.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from cx.domain.conversation import Message, Role
from cx.domain.evaluation import Evidence
from cx.scoring.evidence import MAX_QUOTE, quote_around, sentence_spans

from . import cues
from .gates import may_match
from .lexicon import compound, valence
from .weights import Weights

_WORD = re.compile(r"[a-z']+")


@dataclass(frozen=True)
class Sentence:
    message: int
    start: int
    end: int
    text: str

    @property
    def valence(self) -> float:
        """The sum of its words' VADER lexicon valences: only to choose quotes, so worked out when asked."""
        return valence(self.text)

    def evidence(self, whole: str) -> Evidence:
        quote = self.text if len(self.text) <= MAX_QUOTE else quote_around(whole, self.start, self.start + 1)
        return Evidence(message_index=self.message, quote=quote)


@dataclass(frozen=True)
class Reading:
    messages: Sequence[Message]
    sentences: tuple[Sentence, ...]
    by_message: tuple[tuple[Sentence, ...], ...]
    customer_turns: tuple[int, ...]
    agent_turns: tuple[int, ...]
    mood: tuple[float, ...]  # VADER compound of each customer turn (politeness masked), in turn order
    weight: tuple[float, ...]  # how much each customer turn says about the experience (a reaction: 1)
    _joined: dict[Role, str]  # each role's messages, lowercase, one a line
    _starts: dict[Role, list[int]]  # where each of those messages starts in it

    def turn_value(self, index: int) -> float:
        return self.mood[self.customer_turns.index(index)]

    def find(self, role: Role, pattern: re.Pattern[str]) -> list[Sentence]:
        """Sentences of ``role`` holding a match of ``pattern``: one scan of the role's whole text."""
        joined = self._joined[role]
        if not may_match(pattern, joined):
            return []
        turns = self.customer_turns if role is Role.CUSTOMER else self.agent_turns
        starts = self._starts[role]
        found: list[Sentence] = []
        for match in pattern.finditer(joined):
            k = bisect_right(starts, match.start()) - 1
            offset = match.start() - starts[k]
            for sentence in self.by_message[turns[k]]:
                if sentence.start <= offset < sentence.end or offset < sentence.start:
                    if not found or found[-1] is not sentence:
                        found.append(sentence)
                    break
        return found

    def evidence(self, sentence: Sentence) -> Evidence:
        return sentence.evidence(self.messages[sentence.message].text)


def read(messages: Sequence[Message], w: Weights) -> Reading:
    by_message: list[tuple[Sentence, ...]] = []
    customer: list[int] = []
    agent: list[int] = []
    mood: list[float] = []
    weight: list[float] = []
    for index, message in enumerate(messages):
        text = message.text
        is_customer = message.role is Role.CUSTOMER
        spans = sentence_spans(text)
        if is_customer:
            customer.append(index)
            lowered = text.lower()
            mood.append(compound(cues.POLITE.sub(" ", text) if may_match(cues.POLITE, lowered) else text))
            weight.append(_weight(text, lowered, w))
        elif message.role is Role.AGENT:
            agent.append(index)
        own = tuple(Sentence(index, s, e, text[s:e]) for s, e in spans)
        by_message.append(own)
    joined, starts = {}, {}
    for role, turns in ((Role.CUSTOMER, customer), (Role.AGENT, agent)):
        positions, at = [], 0
        for i in turns:
            positions.append(at)
            at += len(messages[i].text) + 1
        joined[role] = "\n".join(messages[i].text for i in turns).lower()
        starts[role] = positions
    sentences = tuple(s for own in by_message for s in own)
    return Reading(
        messages,
        sentences,
        tuple(by_message),
        tuple(customer),
        tuple(agent),
        tuple(mood),
        tuple(weight),
        joined,
        starts,
    )


def _weight(text: str, lowered: str, w: Weights) -> float:
    """A request or question describes what is wanted; an opinion about the subject is not about the service."""
    value = 1.0
    if text.rstrip().endswith("?") or cues.REQUEST.match(text):
        value = w.request_weight
    words = set(_WORD.findall(lowered))
    if words & cues.SUBJECT_WORDS and not words & cues.ADDRESSED_WORDS:
        value = min(value, w.subject_weight)
    return value
