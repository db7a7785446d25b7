"""The shape of a contact: which turns follow which, for each kind of experience and channel.

A step names a phrase pool (``PHRASES`` key, or ``topic.<field>`` for the inquiry's own phrases), who
speaks, and for agents which of the contact's agents (0 took the contact, 1 and 2 after transfers).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from cx.domain.conversation import CaseOutcome, Channel, Role


class Kind(StrEnum):
    QUICK_FIX = "quick-fix"
    PENDING = "pending"
    FOLLOWUP_FIX = "followup-fix"
    BUMPY_FIX = "bumpy-fix"
    ESCALATE = "escalate"
    REPEAT = "repeat"
    TRANSFER = "transfer"
    ABANDON = "abandon"
    DISMISSED = "dismissed"  # only in scenarios: the agent brushes the customer off


POOR_KINDS: frozenset[Kind] = frozenset({Kind.REPEAT, Kind.TRANSFER, Kind.ABANDON})


@dataclass(frozen=True)
class Step:
    role: Role
    pool: str
    agent: int = 0


def _c(pool: str) -> Step:
    return Step(Role.CUSTOMER, pool)


def _a(pool: str, agent: int = 0) -> Step:
    return Step(Role.AGENT, pool, agent)


def _s(pool: str) -> Step:
    return Step(Role.SYSTEM, pool)


def _transfer(channel: Channel, to: int) -> list[Step]:
    steps = [_a("transfer" if to == 1 else "transfer_again", to - 1)]
    if channel is not Channel.EMAIL:
        steps.append(_s("transferred_note"))
    return [*steps, _a("greet_transferred", to)]


def build_steps(kind: Kind, channel: Channel, first: bool, rng: random.Random, transfers: int = 1) -> list[Step]:
    """The turns of one contact. ``first`` is the case's first contact (else the customer reopens it)."""
    live = channel is not Channel.EMAIL
    steps = [_a("greet")] if live else []
    steps.append(_c("topic.opening" if first else "topic.reopen"))
    hold = [_a("hold"), _c("hold_ok")] if live and rng.random() < 0.5 else []
    if kind is Kind.QUICK_FIX or kind is Kind.PENDING:
        outcome = "topic.fix" if kind is Kind.QUICK_FIX else "topic.pending"
        thanks = "thanks_fixed" if kind is Kind.QUICK_FIX else "thanks_pending"
        steps += [_a("topic.ask"), _c("topic.give"), *hold, _a(outcome), _c(thanks), _a("closing")]
    elif kind is Kind.FOLLOWUP_FIX:
        ask = [_a("topic.ask"), _c("topic.give")] if rng.random() < 0.4 else []
        steps += [_a("ack_followup"), *ask, _a("topic.fix"), _c("thanks_fixed"), _a("closing")]
    elif kind is Kind.BUMPY_FIX:
        steps += [] if first else [_c("second_time")]
        steps += [_a("topic.ask"), _c("topic.give"), _a("topic.workaround"), _c("still_broken")]
        steps += [_a("apology"), _a("topic.fix"), _c("finally_thanks"), _a("closing")]
    elif kind is Kind.ESCALATE:
        steps += [_a("topic.ask"), _c("topic.give"), *hold, _a("escalate"), _c("escalate_ok"), _a("closing")]
    elif kind is Kind.REPEAT:
        steps += [_a("topic.ask"), _c("topic.give"), _a("topic.ask"), _c("already_told")]
        steps += [_a("topic.workaround"), _c("still_broken"), _a("sorry_unresolved"), _c("angry_close")]
    elif kind is Kind.DISMISSED:
        steps += [_a("topic.ask"), _c("topic.give"), _a("dismiss"), _c("dismissed_reply"), _a("closing")]
    elif kind is Kind.TRANSFER:
        steps += [*_transfer(channel, 1), _c("retell"), _a("topic.ask", 1), _c("topic.give")]
        if transfers > 1:
            steps += [*_transfer(channel, 2), _c("transferred_again")]
        last = min(transfers, 2)
        ending = "escalate" if rng.random() < 0.4 else "sorry_unresolved"
        steps += [_a(ending, last), _c("escalate_poor" if ending == "escalate" else "angry_close")]
    elif live:
        steps += [_a("topic.ask"), _c("topic.give"), _a("hold"), _c("waiting"), _c("give_up")]
        steps.append(_s("left_chat" if channel is Channel.CHAT else "left_call"))
    else:
        steps += [_a("topic.ask"), _c("topic.give"), _a("topic.workaround"), _c("still_broken"), _a("chase")]
    if kind in (Kind.QUICK_FIX, Kind.FOLLOWUP_FIX) and live and rng.random() < 0.4:
        steps.append(_c("bye"))
    return steps


def outcome_of(kind: Kind, steps: list[Step]) -> CaseOutcome:
    """The case's outcome as of a contact of this kind."""
    if kind in (Kind.QUICK_FIX, Kind.FOLLOWUP_FIX, Kind.BUMPY_FIX):
        return CaseOutcome.RESOLVED
    if kind is Kind.ABANDON:
        return CaseOutcome.ABANDONED
    if kind is Kind.ESCALATE or any(s.pool == "escalate" for s in steps):
        return CaseOutcome.ESCALATED
    return CaseOutcome.UNRESOLVED
