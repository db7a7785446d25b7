"""The numbers of the ``offline-v2`` rubric; a changed number is a new scorer version (see rubrics/offline-v2.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Weights:
    # raw = base + resolution term + sub-score terms, clamped to 1-5. The eight numbers up to per_done
    # are fitted on all of uss-sgd by `bench/heldout.py --fit-all` (signs fixed by the rubric; service
    # quality keeps its prior share); held-out figures come from fitting them without the service scored.
    base: float = 1.39
    resolved: float = 0.27
    recovered: float = 0.0  # resolved after the agent reported a failure
    unresolved: float = 0.0
    unresolved_cap: float = 3.0
    sentiment: float = 3.19  # per point of customer sentiment above 3
    effort: float = 0.68  # per point of effort below 5
    service_quality: float = 1.67  # per point of service quality above 3
    per_done: float = 0.35  # per agent statement that something asked for was carried out
    max_done: int = 3

    # How much a customer sentence says about their experience (a reaction weighs 1).
    request_weight: float = 0.5  # a request or question: its words describe what is wanted
    subject_weight: float = 0.5  # an opinion about the subject (a film, a dish), not the service
    recency_decay: float = 0.9  # last customer turn weighs 1, the one before 0.9, ...
    recovered_share: float = 0.5  # a negative turn the conversation later recovered from weighs this much

    # Effort, in points off 5.
    free_turns: int = 12
    per_turn: float = 0.05
    max_turns_penalty: float = 0.6
    rejection_share: float = 6.0
    max_rejection_penalty: float = 3.0
    per_repeat: float = 0.8
    per_transfer: float = 0.8
    repeat_contact: float = 0.6

    # Service quality, in points around 3.
    empathy: float = 0.4
    ownership: float = 0.5
    dismissive: float = 1.5
    per_failure: float = 0.4  # each agent outcome failure not recovered from
    max_failure_penalty: float = 1.2

    def as_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Weights:
        """From plain parameters (a stored scorer configuration); unknown names are an error."""
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(f"unknown offline-v2 weights: {', '.join(unknown)}")
        parsed: dict[str, Any] = {k: int(v) if k in ("free_turns", "max_done") else float(v) for k, v in values.items()}
        return cls(**parsed)


DEFAULT = Weights()
