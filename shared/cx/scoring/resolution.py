"""Was the customer's problem solved? Read from how the conversation ends."""

from __future__ import annotations

from collections.abc import Sequence

from cx.domain.conversation import Role
from cx.domain.evaluation import Evidence, Resolution

from . import cues
from .evidence import opening
from .signals import Signal
from .transcript import Transcript


def assess_resolution(t: Transcript) -> tuple[Resolution, Signal]:
    """Resolution and the signal that explains it; its impact (1.0) is weighed by the scorer.

    The end is the last third of the messages (at least the last four): a customer who still reports
    the problem there, or an agent who hands the contact on there, leaves it unresolved.
    """
    messages = t.messages
    end = len(messages) - max(4, len(messages) // 3)
    customer = t.turns(Role.CUSTOMER)
    last = customer[-1]
    unresolved = t.hits(Role.CUSTOMER, cues.UNRESOLVED)
    resolved = [e for e in t.hits(Role.CUSTOMER, cues.RESOLVED) if not t.matches(e.message_index, cues.UNRESOLVED)]
    handed_on = [e for e in t.hits(Role.AGENT, cues.TRANSFER) if e.message_index >= end]
    unable = [e for e in t.hits(Role.AGENT, cues.UNABLE) if e.message_index >= end]
    thanks = [e for e in t.hits(Role.CUSTOMER, cues.THANKS) if e.message_index >= end]
    last_good = max((e.message_index for e in resolved), default=-1)
    late_bad = [e for e in unresolved if e.message_index >= end and e.message_index > last_good]

    if late_bad:
        return _unresolved("The customer still reports the problem at the end.", late_bad[-2:])
    if handed_on and last_good < 0:
        return _unresolved("The contact ends by handing the customer on to someone else.", handed_on[-2:])
    if resolved or thanks:
        good = resolved[-2:] or thanks[-1:]
        if unable or unresolved:
            summary = "Part of the request was met; the agent could not do all of it."
            return Resolution.PARTLY, Signal("partly_resolved", 1.0, summary, tuple((unable or unresolved)[-2:]))
        summary = "The customer confirms the problem is solved." if resolved else "The customer ends satisfied."
        return Resolution.RESOLVED, Signal("resolved", 1.0, summary, tuple(good))
    closing = (Evidence(message_index=last, quote=opening(messages[last].text)),)
    if t.mood(messages[last].text) <= -0.3:
        return _unresolved("The customer's last message is negative, with no sign of a fix.", closing)
    summary = "No clear sign that the problem was solved."
    return Resolution.PARTLY, Signal("partly_resolved", 1.0, summary, tuple(unable[-2:]) or closing)


def _unresolved(summary: str, evidence: Sequence[Evidence]) -> tuple[Resolution, Signal]:
    return Resolution.UNRESOLVED, Signal("unresolved", 1.0, summary, tuple(evidence))
