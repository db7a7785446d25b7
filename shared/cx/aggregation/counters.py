"""The counters every aggregate item holds, and arithmetic on them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cx.domain.conversation import CaseOutcome, Channel
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
    # the same per channel (chat minutes and e-mail hours are never averaged together): added since handle time
    # is shown per channel; a contribution folded before then fed only the two above (Applied.channel_handle)
    *(name for c in Channel for name in (f"handle_seconds_sum_{c.value}", f"handle_count_{c.value}")),
    # evaluations that are no score (a language the scorer cannot read): counted apart, in no average
    "unscored_language",
)
CASE_COUNTERS: tuple[str, ...] = ("cases", *(f"outcome_{o.value}" for o in CaseOutcome))
COUNTERS: tuple[str, ...] = EVALUATION_COUNTERS + CASE_COUNTERS

assert {f"resolution_{r.value}" for r in Resolution} <= set(EVALUATION_COUNTERS)

Counts = dict[str, float]


def handle_sum(channel: str) -> str:
    """The counter of a channel's summed handle seconds."""
    return f"handle_seconds_sum_{channel}"


def handle_count(channel: str) -> str:
    """The counter of a channel's contacts with a handle time."""
    return f"handle_count_{channel}"


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


assert all({handle_sum(c.value), handle_count(c.value)} <= set(EVALUATION_COUNTERS) for c in Channel)
