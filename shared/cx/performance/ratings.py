"""Rating one agent against all agents on an inquiry: percentile rank and quartile.

Percentile rank of a figure among n agents (the agent included): 100 x (agents doing worse + half of the
agents doing equally well, the agent counted) / n. The top of 4 agents gets 87.5, the bottom 12.5.
Quartiles on it: Great from 75 (top quartile), Needs work below 25 (bottom quartile), Good in between.
"""

from __future__ import annotations

from collections.abc import Sequence

GREAT, GOOD, NEEDS_WORK = "Great", "Good", "Needs work"


def percentile_rank(value: float, everyone: Sequence[float], higher_is_better: bool = True) -> float:
    """``everyone`` holds every rated agent's figure, the agent's own included."""
    worse = sum(1 for other in everyone if (value > other if higher_is_better else value < other))
    equal = sum(1 for other in everyone if other == value)
    return 100.0 * (worse + 0.5 * equal) / len(everyone)


def rating(percentile: float) -> str:
    if percentile >= 75:
        return GREAT
    if percentile < 25:
        return NEEDS_WORK
    return GOOD
