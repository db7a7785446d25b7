"""Customer sentiment and the agents' service quality, from VADER and the agent-behaviour cues.

Signal impacts here are in points of the sub-score; the scorer weighs them into CX score points.
"""

from __future__ import annotations

from cx.domain.conversation import Role
from cx.domain.evaluation import Evidence

from . import cues
from .evidence import MAX_QUOTE, quote_around, sentence_spans
from .sentiment import recency_mean, to_scale
from .signals import Signal, plural
from .transcript import Transcript
from .weights import Weights

_NOTABLE = 0.05  # |compound| below this is neutral text, never quoted as sentiment evidence


def customer_sentiment(t: Transcript, w: Weights) -> tuple[float, list[Signal]]:
    """Sentiment 1-5 over customer turns, later turns weighing more; the last ones matter most."""
    messages = t.messages
    turns = t.turns(Role.CUSTOMER)
    score = to_scale(recency_mean([t.mood(messages[i].text) for i in turns], w.recency_decay))
    if abs(score - 3) < 0.15:
        return score, []
    positive = score > 3
    quotes = _extreme_sentences(t, turns, positive)
    if not quotes:
        return score, []
    mood = "positive" if positive else "negative"
    summary = f"The customer's tone is {mood}, above all in their last messages."
    return score, [Signal(f"{mood}_sentiment", score - 3, summary, tuple(quotes))]


def service_quality(t: Transcript, w: Weights) -> tuple[float, list[Signal]]:
    """Service quality 1-5: the agents' tone, empathy, ownership, dismissiveness and what they could not do."""
    messages = t.messages
    turns = t.turns(Role.AGENT)
    if not turns:
        return 3.0, []
    signals: list[Signal] = []
    tone = sum(t.mood(messages[i].text) for i in turns) / len(turns)
    if abs(tone) >= 0.2:
        kind = "friendly" if tone > 0 else "negative"
        quotes = _extreme_sentences(t, turns, tone > 0)
        if quotes:
            summary = f"The agent's wording is {kind} overall."
            signals.append(Signal(f"agent_{kind}_tone", w.agent_tone * tone, summary, tuple(quotes)))
    upset = [i + 1 for i in t.turns(Role.CUSTOMER) if t.mood(messages[i].text) <= -_NOTABLE]
    empathy = [e for e in t.hits(Role.AGENT, cues.EMPATHY) if e.message_index in upset]
    if empathy:
        summary = "The agent acknowledged the customer's frustration."
        signals.append(Signal("agent_empathy", w.empathy, summary, tuple(empathy[:2])))
    ownership = t.hits(Role.AGENT, cues.OWNERSHIP)
    if ownership:
        summary = "The agent took ownership and acted on the customer's behalf."
        signals.append(Signal("agent_ownership", w.ownership, summary, tuple(ownership[:2])))
    dismissive = t.hits(Role.AGENT, cues.DISMISSIVE)
    if dismissive:
        summary = f"The agent was dismissive ({plural(len(dismissive), 'time')})."
        penalty = -min(2.0, w.dismissive * len(dismissive))
        signals.append(Signal("rude_or_dismissive_agent", penalty, summary, tuple(dismissive[:3])))
    unable = t.hits(Role.AGENT, cues.UNABLE)
    if unable:
        summary = f"The agent could not do what was asked ({plural(len(unable), 'time')})."
        penalty = -min(w.max_unable_penalty, w.per_unable * len(unable))
        signals.append(Signal("agent_could_not_help", penalty, summary, tuple(unable[-3:])))
    score = max(1.0, min(5.0, 3.0 + sum(s.impact for s in signals)))
    return score, signals


def _extreme_sentences(t: Transcript, turns: list[int], positive: bool) -> list[Evidence]:
    """Up to two sentences with the strongest sentiment of the wanted sign, preferring later turns."""
    messages = t.messages
    sign = 1 if positive else -1
    ranked: list[tuple[float, int, str]] = []
    for rank, index in enumerate(turns):
        text = messages[index].text
        for start, end in sentence_spans(text):
            value = sign * t.mood(text[start:end])
            if value >= _NOTABLE:
                quote = text[start:end] if end - start <= MAX_QUOTE else quote_around(text, start, start + 1)
                ranked.append((value * (1 + rank / len(turns)), index, quote))
    ranked.sort(key=lambda r: (-r[0], -r[1]))
    chosen = sorted(ranked[:2], key=lambda r: r[1])
    return [Evidence(message_index=i, quote=q) for _, i, q in chosen]
