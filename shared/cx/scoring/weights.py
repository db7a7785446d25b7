"""The offline scorer's numbers, tuned on a fixed 60% of the uss-sgd labels (see rubrics/offline-v1.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    # CX score before rounding = base + resolution term + sub-score terms, clamped to 1-5;
    # a partly resolved contact adds nothing, so base is the score of a neutral, partly resolved one.
    base: float = 2.6
    resolved: float = 0.3
    unresolved: float = -1.5
    unresolved_cap: float = 3.0  # an unresolved contact never scores above 3, however polite
    sentiment: float = 2.4  # per point of customer sentiment above 3
    effort: float = 0.45  # per point of effort below 5 (effortless)
    service_quality: float = 0.3  # per point of service quality above 3

    # Customer sentiment: recency weighting of VADER compounds (last customer turn weighs 1).
    recency_decay: float = 0.9

    # Effort penalties, in effort points off 5.
    # Turn count is a prior, not tuned: uss-sgd dialogues are multi-task, so there length means more
    # tasks done, not more effort; in support contacts many customer turns do mean effort.
    free_turns: int = 12
    per_turn: float = 0.05
    max_turns_penalty: float = 0.6
    rejection_share: float = 8.0  # effort points when every customer turn turns down or corrects
    max_rejection_penalty: float = 3.0
    per_repeat: float = 0.8
    per_transfer: float = 0.8
    repeat_contact: float = 0.6

    # Service quality, in points around 3.
    agent_tone: float = 0.75  # per unit of the agents' mean VADER compound
    empathy: float = 0.4
    ownership: float = 0.5
    dismissive: float = 1.5
    per_unable: float = 0.2
    max_unable_penalty: float = 0.6


DEFAULT = Weights()
