"""The counters every aggregate item holds, and arithmetic on them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cx.domain.conversation import CaseOutcome
from cx.domain.evaluation import Resolution

EVALUATION_COUNTERS: tuple[str, ...] = (
    "evaluations",
    "score_sum",
    "hist_1",
    "hist_2",
    "hist_3",
    "hist_4",
    "hist_5",
    "resolution_resolved",
    "resolution_partly",
    "resolution_unresolved",
    "sentiment_sum",
    "effort_sum",
    "quality_sum",
    # handle time (first to last message of a contact, when its messages carry times): added for agent performance
    "handle_seconds_sum",
    "handle_count",
    # evaluations that are no score (a language the scorer cannot read): counted apart, in no average
    "unscored_language",
)
CASE_COUNTERS: tuple[str, ...] = ("cases", *(f"outcome_{o.value}" for o in CaseOutcome))
COUNTERS: tuple[str, ...] = EVALUATION_COUNTERS + CASE_COUNTERS

assert {f"resolution_{r.value}" for r in Resolution} <= set(EVALUATION_COUNTERS)

Counts = dict[str, float]


def add(into: Counts, other: Mapping[str, float], sign: int = 1) -> Counts:
    for name, value in other.items():
        into[name] = into.get(name, 0) + sign * value
    return into


def nonzero(counts: Mapping[str, float]) -> Counts:
    return {k: round(v, 6) for k, v in counts.items() if abs(v) > 1e-9}


def total(items: Iterable[Mapping[str, float]]) -> Counts:
    out: Counts = {}
    for item in items:
        add(out, item)
    return out
