"""Was the request met? The agent's own outcome statements, the customer's cues, and what came last."""

from __future__ import annotations

from dataclasses import dataclass, replace

from cx.domain.conversation import Role
from cx.domain.evaluation import Evidence, Resolution
from cx.scoring import cues as v1
from cx.scoring.evidence import opening
from cx.scoring.signals import Signal

from . import cues
from .reading import Reading, Sentence


@dataclass(frozen=True)
class Outcome:
    resolution: Resolution
    recovered: bool  # resolved after a failure the agent reported
    signal: Signal
    unrecovered: tuple[Sentence, ...]  # agent failures nothing later made good
    last_good: int = -1  # the last message where the agent or customer says something was done or fixed
    done: int = 0  # agent sentences stating that something asked for was carried out
    done_in: frozenset[int] = frozenset()  # the messages holding them


def assess_resolution(r: Reading) -> Outcome:
    done = [s for s in r.find(Role.AGENT, cues.AGENT_SUCCESS) if not cues.AGENT_FAILURE.search(s.text)]
    return replace(_assess(r, done), done=len(done), done_in=frozenset(s.message for s in done))


def _assess(r: Reading, done: list[Sentence]) -> Outcome:
    n = len(r.messages)
    end = n - max(4, n // 3)
    bad = r.find(Role.CUSTOMER, v1.UNRESOLVED)
    good = [s for s in r.find(Role.CUSTOMER, v1.RESOLVED) if not v1.UNRESOLVED.search(s.text)]
    thanks = [s for s in r.find(Role.CUSTOMER, v1.THANKS) if s.message >= end]
    failed = r.find(Role.AGENT, cues.AGENT_FAILURE)
    handed_on = [s for s in r.find(Role.AGENT, v1.TRANSFER) if s.message >= end]
    last_good = max((s.message for s in [*good, *done]), default=-1)
    late_bad = [s for s in bad if s.message >= end and s.message > last_good]
    unrecovered = tuple(s for s in failed if s.message > last_good)
    recovered = any(s.message < last_good for s in failed)

    if late_bad:
        return _unresolved("The customer still reports the problem at the end.", r, late_bad[-2:], unrecovered)
    if handed_on and last_good < 0:
        summary = "The contact ends by handing the customer on to someone else."
        return _unresolved(summary, r, handed_on[-2:], unrecovered)
    if unrecovered and unrecovered[-1].message >= end:
        summary = "The agent reports that the request failed, and nothing later made it good."
        return _unresolved(summary, r, list(unrecovered[-2:]), unrecovered)
    if good or done or thanks:
        shown = (good or done)[-2:] or thanks[-1:]
        if bad or unrecovered:
            summary = "Part of the request was met; part of it was not."
            signal = Signal("partly_resolved", 1.0, summary, _quotes(r, [*bad, *unrecovered][-2:]))
            return Outcome(Resolution.PARTLY, recovered, signal, unrecovered, last_good)
        if recovered:
            summary = "The request was met after a failure the agent reported."
        elif done and not good:
            summary = "The agent confirms the request was carried out."
        else:
            summary = "The customer confirms the problem is solved." if good else "The customer ends satisfied."
        signal = Signal("resolved", 1.0, summary, _quotes(r, shown))
        return Outcome(Resolution.RESOLVED, recovered, signal, (), last_good)
    last = r.customer_turns[-1]
    closing = (Evidence(message_index=last, quote=opening(r.messages[last].text)),)
    if r.turn_value(last) <= -0.3:
        summary = "The customer's last message is negative, with no sign of a fix."
        return Outcome(Resolution.UNRESOLVED, False, Signal("unresolved", 1.0, summary, closing), unrecovered)
    summary = "No clear sign that the request was met."
    signal = Signal("partly_resolved", 1.0, summary, _quotes(r, list(unrecovered[-2:])) or closing)
    return Outcome(Resolution.PARTLY, recovered, signal, unrecovered, last_good)


def _quotes(r: Reading, sentences: list[Sentence]) -> tuple[Evidence, ...]:
    return tuple(r.evidence(s) for s in sentences)


def _unresolved(summary: str, r: Reading, shown: list[Sentence], unrecovered: tuple[Sentence, ...]) -> Outcome:
    return Outcome(Resolution.UNRESOLVED, False, Signal("unresolved", 1.0, summary, _quotes(r, shown)), unrecovered)
