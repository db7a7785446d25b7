"""Customer effort (5 = effortless): turns, suggestions turned down, repeats, transfers, re-contacts."""

from __future__ import annotations

import re

from cx.domain.conversation import Role
from cx.domain.evaluation import Evidence
from cx.scoring import cues as v1
from cx.scoring.evidence import opening, whole
from cx.scoring.signals import Signal, plural

from . import cues
from .reading import Reading
from .weights import Weights

_WORD = re.compile(r"[a-z0-9']+")
_REPEAT_WORDS = 8


def customer_effort(r: Reading, w: Weights) -> tuple[float, list[Signal]]:
    signals: list[Signal] = []
    turns = r.customer_turns
    rejections = [
        s for s in r.find(Role.CUSTOMER, cues.REJECTION) if not (v1.THANKS.search(s.text) or v1.CLOSING.search(s.text))
    ]
    corrected = [
        i
        for i in turns
        if i and cues.LEADING_NO.match(r.messages[i].text) and cues.READ_BACK.search(r.messages[i - 1].text)
    ]
    turned_down = sorted({s.message for s in rejections} | set(corrected))
    penalty = min(w.max_turns_penalty, w.per_turn * max(0, len(turns) - w.free_turns))
    penalty += min(w.max_rejection_penalty, w.rejection_share * len(turned_down) / len(turns))
    if penalty > 0:
        shown = [r.evidence(s) for s in rejections[-3:]]
        evidence = shown or [Evidence(message_index=turns[-1], quote=opening(r.messages[turns[-1]].text))]
        summary = (
            f"The customer needed {plural(len(turns), 'turn')} and turned down or corrected "
            f"{plural(len(turned_down), 'answer')}."
        )
        signals.append(Signal("high_effort", -penalty, summary, tuple(evidence)))
    repeats = _repeats(r)
    if repeats:
        penalty = -min(2.0, w.per_repeat * len(repeats))
        summary = "The customer had to repeat information they had already given."
        signals.append(Signal("customer_repeats_information", penalty, summary, tuple(repeats[-3:])))
    transfers = [*r.find(Role.CUSTOMER, v1.TRANSFER), *r.find(Role.AGENT, v1.TRANSFER)]
    if transfers:
        by_agent = [s for s in transfers if r.messages[s.message].role is Role.AGENT]
        again = any(v1.MORE_THAN_ONCE.search(s.text) for s in transfers if s not in by_agent)
        factor = "repeated_transfer" if len(by_agent) > 1 or again else "transferred"
        summary = f"The contact was handed on or escalated ({plural(len(transfers), 'mention')})."
        penalty = -min(2.0, w.per_transfer * len(transfers))
        signals.append(Signal(factor, penalty, summary, tuple(r.evidence(s) for s in transfers[:3])))
    recontact = r.find(Role.CUSTOMER, v1.REPEAT_CONTACT)
    if recontact:
        summary = "The customer had contacted support before or was kept waiting."
        quotes = tuple(r.evidence(s) for s in recontact[:2])
        signals.append(Signal("repeat_contact", -w.repeat_contact, summary, quotes))
    return max(1.0, 5.0 + sum(s.impact for s in signals)), signals


def _repeats(r: Reading) -> list[Evidence]:
    """Customer turns that say they repeat themselves, or nearly restate an earlier customer turn."""
    found = {s.message: r.evidence(s) for s in r.find(Role.CUSTOMER, v1.REPEATS)}
    seen: list[set[str]] = []
    for index in r.customer_turns:
        text = r.messages[index].text
        if v1.THANKS.search(text) or v1.CLOSING.search(text):
            continue
        words = set(_WORD.findall(text.lower()))
        if len(words) >= _REPEAT_WORDS and any(len(words & old) / len(words | old) >= 0.7 for old in seen):
            found.setdefault(index, Evidence(message_index=index, quote=whole(text)))
        seen.append(words)
    return [found[i] for i in sorted(found)]
