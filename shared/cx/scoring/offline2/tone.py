"""Customer sentiment (from the reading's sentence scores) and the agents' service quality (from cues)."""

from __future__ import annotations

from cx.domain.conversation import Role
from cx.scoring import cues as v1
from cx.scoring.sentiment import to_scale
from cx.scoring.signals import Signal, plural

from .reading import Reading
from .resolution import Outcome
from .weights import Weights

_NOTABLE = 0.05


def sentiment_value(r: Reading, outcome: Outcome, w: Weights) -> float:
    """1-5 over customer turns, later turns and reactions weighing more; a low later recovered from weighs less."""
    turns, values = r.customer_turns, list(r.mood)
    for k, index in enumerate(turns):
        if values[k] < 0 and (index < outcome.last_good or any(v > _NOTABLE for v in values[k + 1 :])):
            values[k] *= w.recovered_share
    n = len(values)
    weights = [w.recency_decay ** (n - 1 - k) * r.weight[k] for k in range(n)]
    total = sum(weights)
    return to_scale(sum(a * b for a, b in zip(weights, values, strict=True)) / total if total else 0.0)


def customer_sentiment(r: Reading, outcome: Outcome, w: Weights) -> tuple[float, list[Signal]]:
    """``sentiment_value``, and the signal quoting the customer sentences that carry it most."""
    score = sentiment_value(r, outcome, w)
    turns, n = r.customer_turns, len(r.mood)
    if abs(score - 3) < 0.15:
        return score, []
    positive = score > 3
    sign = 1 if positive else -1
    rank = {index: k for k, index in enumerate(turns)}
    ranked = sorted(
        (s for i in turns for s in r.by_message[i] if sign * s.valence > 0),
        key=lambda s: (-sign * s.valence * (1 + rank[s.message] / n), -s.message),
    )[:2]
    if not ranked:
        return score, []
    mood = "positive" if positive else "negative"
    quotes = tuple(r.evidence(s) for s in sorted(ranked, key=lambda s: s.message))
    summary = f"The customer's tone is {mood}, above all at the end."
    return score, [Signal(f"{mood}_sentiment", score - 3, summary, quotes)]


def service_quality(r: Reading, outcome: Outcome, w: Weights) -> tuple[float, list[Signal]]:
    """3, plus empathy and ownership, minus dismissiveness and failures the agent reported and never made good."""
    if not r.agent_turns:
        return 3.0, []
    signals: list[Signal] = []
    upset = {i + 1 for i in r.customer_turns if r.turn_value(i) <= -_NOTABLE}
    empathy = [s for s in r.find(Role.AGENT, v1.EMPATHY) if s.message in upset]
    if empathy:
        quotes = tuple(r.evidence(s) for s in empathy[:2])
        signals.append(Signal("agent_empathy", w.empathy, "The agent acknowledged the customer's frustration.", quotes))
    ownership = r.find(Role.AGENT, v1.OWNERSHIP)
    if ownership:
        summary = "The agent took ownership and acted on the customer's behalf."
        signals.append(Signal("agent_ownership", w.ownership, summary, tuple(r.evidence(s) for s in ownership[:2])))
    dismissive = r.find(Role.AGENT, v1.DISMISSIVE)
    if dismissive:
        summary = f"The agent was dismissive ({plural(len(dismissive), 'time')})."
        penalty = -min(2.0, w.dismissive * len(dismissive))
        quotes = tuple(r.evidence(s) for s in dismissive[:3])
        signals.append(Signal("rude_or_dismissive_agent", penalty, summary, quotes))
    if outcome.unrecovered:
        failures = outcome.unrecovered
        summary = f"The agent could not do what was asked ({plural(len(failures), 'time')})."
        penalty = -min(w.max_failure_penalty, w.per_failure * len(failures))
        signals.append(Signal("agent_could_not_help", penalty, summary, tuple(r.evidence(s) for s in failures[-3:])))
    return max(1.0, min(5.0, 3.0 + sum(s.impact for s in signals))), signals
