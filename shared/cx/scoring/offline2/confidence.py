"""How sure the offline scorer is of one evaluation, and when it needs a human look.

Confidence grows with what the score stands on: a clear outcome (confirmed by the customer or stated
by the agent), and customer sentences that carry sentiment; it drops when those disagree. A language
the scorer cannot read gives no confidence at all.
"""

from __future__ import annotations

from cx.domain.evaluation import Resolution

from .reading import Reading
from .resolution import Outcome

UNSURE_BELOW = 0.4  # an evaluation less sure than this is listed for review


def confidence(r: Reading, outcome: Outcome, sentiment: float) -> float:
    notable = sum(1 for v, wt in zip(r.mood, r.weight, strict=True) if wt >= 0.5 and abs(v) >= 0.3)
    value = 0.2 + 0.1 * min(notable, 4)
    if outcome.signal.evidence and outcome.signal.factor != "partly_resolved":
        value += 0.3
    if outcome.resolution is Resolution.RESOLVED and sentiment < 2.6:
        value -= 0.25  # says solved, sounds unhappy
    if outcome.resolution is Resolution.UNRESOLVED and sentiment > 3.4:
        value -= 0.25
    if len(r.customer_turns) < 2:
        value -= 0.1
    return round(max(0.05, min(0.95, value)), 2)
