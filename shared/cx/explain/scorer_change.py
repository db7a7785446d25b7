"""Is it the customers or the scorer? Which scorer versions scored each period, the days a version appears,
and the comparison on one version only, all from the ``journey=<j>|scorer=<label>`` day items."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from cx.aggregation.counters import Counts, total
from cx.aggregation.keys import slice_pk
from cx.ranges import DateRange
from cx.reads import ManyDayReader, SegmentReader
from cx.reports.figures import Figures
from cx.scoring.versions import titles


@dataclass(frozen=True)
class VersionChange:
    day: date
    before: tuple[str, ...]  # the version that scored most of the last earlier day with evaluations
    after: tuple[str, ...]  # the version that scores most of this day

    def describe(self) -> str:
        """By version name (`cx scorer list`), as `cx promote` records it; full labels where names would tie."""
        before, after = titles(self.before, self.after)
        return f"{before} → {after}"


@dataclass(frozen=True)
class ScorerMix:
    """Evaluations per scorer version in each period, and every version change inside the two periods."""

    before: dict[str, int]
    after: dict[str, int]
    changes: list[VersionChange]
    by_version: dict[str, tuple[Figures, Figures]]

    @property
    def like_for_like(self) -> bool:
        return len(set(self.before) | set(self.after)) <= 1

    @property
    def common_version(self) -> str | None:
        """The version that scored both periods (the most evaluations if several), for a same-version comparison."""
        both = set(self.before) & set(self.after)
        return max(sorted(both), key=lambda v: min(self.before[v], self.after[v])) if both else None

    def shares(self, after: bool) -> dict[str, float]:
        counts = self.after if after else self.before
        n = sum(counts.values())
        return {v: c / n for v, c in sorted(counts.items())} if n else {}


def version_changes(daily: Mapping[str, Mapping[date, Counts]], days: list[date]) -> list[VersionChange]:
    """The days a different version becomes the one that scored most of the day's evaluations.

    Journey days are the cases' days, so a late follow-up scored by a new version shows up on its case's
    earlier day; the day the new version takes over is the first day it scores most of.
    """
    changes, last = [], None
    for day in sorted(days):
        counts = {v: n for v, by_day in daily.items() if (n := by_day.get(day, {}).get("evaluations", 0))}
        if not counts:
            continue
        leading = max(sorted(counts), key=lambda v: counts[v])
        if last is not None and leading != last:
            changes.append(VersionChange(day, (last,), (leading,)))
        last = leading
    return changes


def scorer_mix(daily: Mapping[str, Mapping[date, Counts]], period: DateRange) -> ScorerMix:
    before_period = period.previous()
    by_version: dict[str, tuple[Figures, Figures]] = {}
    for version, by_day in daily.items():
        f0 = Figures.of(total(c for d, c in by_day.items() if before_period.start <= d <= before_period.end))
        f1 = Figures.of(total(c for d, c in by_day.items() if period.start <= d <= period.end))
        if f0.evaluations or f1.evaluations:
            by_version[version] = (f0, f1)
    days = before_period.each_day() + period.each_day()
    return ScorerMix(
        before={v: f0.evaluations for v, (f0, _) in by_version.items() if f0.evaluations},
        after={v: f1.evaluations for v, (_, f1) in by_version.items() if f1.evaluations},
        changes=version_changes(daily, days),
        by_version=by_version,
    )


class VersionReader(ManyDayReader, SegmentReader, Protocol):
    """Days of each journey's scorer slices, and which there are."""


def scorer_days(
    reader: VersionReader, journeys: Iterable[str], start: date, end: date
) -> dict[str, dict[str, dict[date, Counts]]]:
    """Per journey, each scorer version's day items; only journeys that more than one version ever scored
    (one catalog query, then one key read per version of those journeys)."""
    versions: dict[str, list[str]] = {}
    wanted = set(journeys)
    for journey, _, version in sorted(reader.segments("scorer")):
        if journey in wanted:
            versions.setdefault(journey, []).append(version)
    several = {j: vs for j, vs in versions.items() if len(vs) > 1}
    pks = [slice_pk(j, "scorer", v) for j, vs in several.items() for v in vs]
    read = reader.read_days_many(pks, start, end) if pks else {}
    return {j: {v: read.get(slice_pk(j, "scorer", v), {}) for v in vs} for j, vs in several.items()}


def mixes_versions(daily: Mapping[str, Mapping[date, Counts]], period: DateRange) -> bool:
    """More than one version scored the period and the one before it, taken together."""
    return not scorer_mix(daily, period).like_for_like
