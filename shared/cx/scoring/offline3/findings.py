"""What ``offline-v3`` gives as reasons: its terms summed into a few findings, each quoting the turns behind it."""

from __future__ import annotations

from cx.domain.evaluation import Evidence
from cx.scoring.evidence import opening
from cx.scoring.offline2.reading import Reading
from cx.scoring.reasons import MIN_IMPACT
from cx.scoring.signals import Signal

from .cues import AGENT, CUSTOMER, Cue, Cues
from .turns import NO_AFTER, Turns
from .weights import Weights

# factor: (features, whose message is quoted, summary when it raises the score, when it lowers it)
GROUPS: dict[str, tuple[tuple[str, ...], str, str, str]] = {
    "customer_approves": (
        ("customer_approves", "customer_agrees", "customer_thanks", "customer_closes"),
        "customer",
        "The customer approved of the answers ({n} of {m} turns).",
        "The customer seldom approved of an answer ({n} of {m} turns).",
    ),
    "customer_turned_down": (
        ("customer_says_no", "customer_asks_for_other", "customer_asks_again", "customer_corrects",
         "customer_negation", *NO_AFTER),
        "customer",
        "The customer seldom turned down or corrected an answer ({n} of {m} turns).",
        "The customer turned down or corrected answers ({n} of {m} turns).",
    ),
    "agent_checks_and_offers": (
        ("agent_reads_back", "agent_offers", "agent_anything_else", "agent_proposes"),
        "agent",
        "The agent checked the details and proposed options ({n} times).",
        "The agent kept checking details and offering more ({n} times).",
    ),
    "customer_asks": (
        ("question", "words"),
        "customer",
        "The customer's turns were short and to the point.",
        "The customer asked many questions or wrote long turns ({n} questions).",
    ),
}  # fmt: skip
_CUES: dict[str, Cue] = {f"customer_{k}": c for k, c in CUSTOMER.items()} | {f"agent_{k}": c for k, c in AGENT.items()}
# each group's cues, found together: a sentence showing any of them is the one quoted
_FOUND = {factor: Cues({f: _CUES[f] for f in features if f in _CUES}) for factor, (features, *_) in GROUPS.items()}


OUTCOME = ("agent_carried_out", "agent_failed")  # weighed by the resolution's reason


def findings(t: Turns, x: dict[str, float], w: Weights) -> list[Signal]:
    """One signal per group, its impact the sum of its terms; tone as positive_ or negative_sentiment.
    (The agent's outcome statements are the resolution's reason: ``outcome_impact``.)"""
    out = [_tone(t, x, w)]
    for factor, (features, role, up, down) in GROUPS.items():
        impact = sum(w.term(f, x[f]) for f in features)
        if abs(impact) < MIN_IMPACT:
            continue  # too weak to be given as a reason (cx.scoring.reasons)
        turns = t.where(tuple(f for f in features if f != "words"))
        summary = (up if impact > 0 else down).format(n=len(turns), m=len(t.said))
        out.append(Signal(factor, impact, summary, _evidence(t, turns, _FOUND[factor], role)))
    return [s for s in out if abs(s.impact) >= MIN_IMPACT]


def _tone(t: Turns, x: dict[str, float], w: Weights) -> Signal:
    impact = w.term("negative_tone", x["negative_tone"]) + w.term("positive_tone", x["positive_tone"])
    if abs(impact) < MIN_IMPACT:
        return Signal("tone", 0.0, "", ())
    mood = "positive" if impact > 0 else "negative"
    sign = 1 if impact > 0 else -1
    ranked = sorted((k for k, v in enumerate(t.reading.mood) if sign * v > 0), key=lambda k: -sign * t.reading.mood[k])
    shown = sorted(ranked[:2])
    evidence = tuple(_opening(t.reading, t.reading.customer_turns[k]) for k in shown) or _last(t)
    return Signal(f"{mood}_sentiment", impact, f"The customer's tone is {mood}.", evidence)


def _evidence(t: Turns, turns: list[int], cues: Cues, role: str) -> tuple[Evidence, ...]:
    r = t.reading
    quoted: list[Evidence] = []
    for k in turns[-3:]:
        index = r.customer_turns[k] if role == "customer" else t.before[k]
        if index is None:
            continue
        sentences = r.by_message[index]
        chosen = sentences[0] if len(sentences) == 1 else next((s for s in sentences if cues.find(s.text)), None)
        quoted.append(r.evidence(chosen) if chosen is not None else _opening(r, index))
    return tuple(quoted) or _last(t)


def _opening(r: Reading, index: int) -> Evidence:
    return Evidence(message_index=index, quote=opening(r.messages[index].text))


def _last(t: Turns) -> tuple[Evidence, ...]:
    return (_opening(t.reading, t.reading.customer_turns[-1]),)


def outcome_impact(x: dict[str, float], w: Weights) -> float:
    return sum(w.term(f, x[f]) for f in OUTCOME)
