"""Recompute every aggregate from the counted evaluations, and compare with what is stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cx.aggregation.contribution import Applied
from cx.aggregation.counters import Counts, nonzero
from cx.aggregation.fold import plan_fold
from cx.aggregation.keys import AggKey

if TYPE_CHECKING:
    from cx.aggregation.service import Unfolded


def recompute(applied: Iterable[Applied]) -> dict[AggKey, Counts]:
    """Aggregates as they must be: each conversation's current evaluation folded once."""
    return plan_fold(list(applied), {}, {}).increments


@dataclass(frozen=True)
class Difference:
    key: AggKey
    stored: Counts
    expected: Counts

    def describe(self) -> str:
        fields = sorted(set(self.stored) | set(self.expected))
        parts = [
            f"{f}: {self.stored.get(f, 0):g} stored, {self.expected.get(f, 0):g} expected"
            for f in fields
            if self.stored.get(f, 0) != self.expected.get(f, 0)
        ]
        return f"{self.key[0]} {self.key[1]}: " + "; ".join(parts)


def compare(stored: Mapping[AggKey, Counts], expected: Mapping[AggKey, Counts]) -> list[Difference]:
    diffs = []
    for key in sorted(set(stored) | set(expected)):
        have, want = nonzero(stored.get(key, {})), nonzero(expected.get(key, {}))
        if have != want:
            diffs.append(Difference(key, have, want))
    return diffs


class Differences(list[Difference]):
    """The differences found, with the conversations left out of the recomputation because they cannot be counted."""

    def __init__(self, differences: Iterable[Difference] = (), unfolded: Iterable[Unfolded] = ()) -> None:
        super().__init__(differences)
        self.unfolded = list(unfolded)
