"""Customer effort (5 = effortless): turns taken, suggestions turned down, repeats, transfers, re-contacts.

Signal impacts here are effort points lost; the scorer weighs them into CX score points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cx.domain.conversation import Message, Role
from cx.domain.evaluation import Evidence

from . import cues
from .evidence import opening, whole
from .signals import Signal, plural
from .transcript import Transcript
from .weights import Weights

_WORD = re.compile(r"[a-z0-9']+")
_REPEAT_WORDS = 8  # shorter turns ("Yes, that works for me.") repeat by nature, not as lost information


def customer_effort(t: Transcript, w: Weights) -> tuple[float, list[Signal]]:
    signals: list[Signal] = []
    messages = t.messages
    turns = t.turns(Role.CUSTOMER)
    rejections = [
        e
        for e in t.hits(Role.CUSTOMER, cues.REJECTION)
        if not (t.matches(e.message_index, cues.THANKS) or t.matches(e.message_index, cues.CLOSING))
    ]
    penalty = min(w.max_turns_penalty, w.per_turn * max(0, len(turns) - w.free_turns))
    penalty += min(w.max_rejection_penalty, w.rejection_share * len(rejections) / len(turns))
    if penalty > 0:
        evidence = rejections[-3:] or [Evidence(message_index=turns[-1], quote=opening(messages[turns[-1]].text))]
        summary = (
            f"The customer needed {plural(len(turns), 'turn')} and turned down or corrected "
            f"{plural(len(rejections), 'answer')}."
        )
        signals.append(Signal("high_effort", -penalty, summary, tuple(evidence)))
    repeats = _repeats(t, turns)
    if repeats:
        summary = "The customer had to repeat information they had already given."
        penalty = -min(2.0, w.per_repeat * len(repeats))
        signals.append(Signal("customer_repeats_information", penalty, summary, tuple(repeats[-3:])))
    transfers = t.hits(None, cues.TRANSFER)
    if transfers:
        factor = "repeated_transfer" if _repeated(messages, transfers) else "transferred"
        summary = f"The contact was handed on or escalated ({plural(len(transfers), 'mention')})."
        penalty = -min(2.0, w.per_transfer * len(transfers))
        signals.append(Signal(factor, penalty, summary, tuple(transfers[:3])))
    again = t.hits(Role.CUSTOMER, cues.REPEAT_CONTACT)
    if again:
        summary = "The customer had contacted support before or was kept waiting."
        signals.append(Signal("repeat_contact", -w.repeat_contact, summary, tuple(again[:2])))
    score = max(1.0, 5.0 + sum(s.impact for s in signals))
    return score, signals


def _repeated(messages: Sequence[Message], transfers: list[Evidence]) -> bool:
    """Two or more agent turns mention a transfer, or the customer says it happened more than once."""
    by_agent = [e for e in transfers if messages[e.message_index].role is Role.AGENT]
    return len(by_agent) > 1 or any(
        messages[e.message_index].role is Role.CUSTOMER and cues.MORE_THAN_ONCE.search(e.quote) for e in transfers
    )


def _repeats(t: Transcript, turns: list[int]) -> list[Evidence]:
    """Customer turns that say they repeat themselves, or nearly restate an earlier customer turn."""
    messages = t.messages
    found = {e.message_index: e for e in t.hits(Role.CUSTOMER, cues.REPEATS)}
    seen: list[set[str]] = []
    for index in turns:
        if t.matches(index, cues.THANKS) or t.matches(index, cues.CLOSING):
            continue
        words = set(_WORD.findall(messages[index].text.lower()))
        if len(words) >= _REPEAT_WORDS and any(
            len(words & old) / len(words | old) >= 0.7 for old in seen if _close_in_size(len(words), len(old))
        ):
            found.setdefault(index, Evidence(message_index=index, quote=whole(messages[index].text)))
        seen.append(words)
    return [found[i] for i in sorted(found)]


def _close_in_size(a: int, b: int) -> bool:
    """Sets whose sizes differ more than 0.7 to 1 cannot have a Jaccard similarity of 0.7."""
    return (a / b if a < b else b / a) >= 0.7
