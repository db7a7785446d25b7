"""One line of why a journey moved, from the aggregates at hand: the channel that carries most of the change.

``ExplainedWhy`` (the explanation engine of `/cx why`) is the one the digest uses; ``ChannelWhy`` is its
fallback when the engine has nothing to name. Anything matching ``cx.digest.movers.WhyLine`` will do.

A journey's average is the evaluation-weighted mean of its channels' averages, so the part of its
change that happened inside channel ``c`` is ``share_c × (avg_c now − avg_c before)`` with ``share_c``
the channel's share of this period's evaluations. The channel with the largest such part in the
direction of the change is named, with its own averages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cx.aggregation.counters import total
from cx.aggregation.keys import slice_pk
from cx.domain.conversation import Channel
from cx.explain import explain, headline, read_window
from cx.explain.clusters import design_effect, read_cases
from cx.explain.cube import read_cube
from cx.explain.reading import ExplainReader
from cx.explain.significance import TOO_FEW
from cx.ranges import DateRange
from cx.reads import ManyDayReader
from cx.reports.figures import Figures

MIN_SHARE = 0.25  # of the journey's change: a smaller part is not "mostly"
MIN_EVALUATIONS = 5  # in the channel in each period: fewer and its average says little


@dataclass(frozen=True)
class ChannelPart:
    channel: str
    before: Figures
    now: Figures
    part: float  # CX points of the journey's change that happened within this channel


def channel_parts(reader: ManyDayReader, journey: str, current: DateRange, previous: DateRange) -> list[ChannelPart]:
    pks = {c.value: slice_pk(journey, "channel", c.value) for c in Channel}
    read = reader.read_days_many(list(pks.values()), previous.start, current.end)

    def figures(pk: str, span: DateRange) -> Figures:
        return Figures.of(total(c for d, c in read.get(pk, {}).items() if span.start <= d <= span.end))

    sides = {channel: (figures(pk, previous), figures(pk, current)) for channel, pk in pks.items()}
    evaluations = sum(now.evaluations for _, now in sides.values())
    parts = []
    for channel, (before, now) in sides.items():
        if min(now.evaluations, before.evaluations) < MIN_EVALUATIONS or not evaluations:
            continue
        assert now.avg_score is not None and before.avg_score is not None
        share = now.evaluations / evaluations
        parts.append(ChannelPart(channel, before, now, share * (now.avg_score - before.avg_score)))
    return parts


def main_channel(parts: Sequence[ChannelPart], change: float) -> ChannelPart | None:
    same_way = [p for p in parts if p.part * change > 0 and abs(p.part) >= MIN_SHARE * abs(change)]
    return max(same_way, key=lambda p: abs(p.part), default=None)


class ChannelWhy:
    """``WhyLine`` from the journey×channel day items of the two periods (three small queries a journey)."""

    def __init__(self, reader: ManyDayReader, current: DateRange, previous: DateRange) -> None:
        self._reader, self._current, self._previous = reader, current, previous

    def __call__(self, journey: str, change: float) -> str | None:
        part = main_channel(channel_parts(self._reader, journey, self._current, self._previous), change)
        if part is None:
            return None
        assert part.before.avg_score is not None and part.now.avg_score is not None
        return (
            f"mostly {part.channel}: {part.before.avg_score:.2f} → {part.now.avg_score:.2f} "
            f"({part.now.evaluations} evaluations)"
        )


class ExplainedWhy:
    """``WhyLine`` from the explanation engine (`/cx why`): its verdict, first contributor and first factor.

    Where the engine cannot tell (too few evaluations for its interval), the channel line above is used.
    """

    def __init__(self, reader: ExplainReader, current: DateRange, pass_threshold: int) -> None:
        self._reader, self._current, self._threshold = reader, current, pass_threshold
        self._fallback = ChannelWhy(reader, current, current.previous())

    def __call__(self, journey: str, change: float) -> str | None:
        window = read_window(self._reader, [journey], self._current)
        cube = read_cube(self._reader, [journey], self._current)
        before, now = read_cases(self._reader, [journey], self._current)  # the same per-case interval as /cx why
        design = (design_effect(before), design_effect(now))
        explanation = explain(window, journey, self._threshold, cube=cube, design=design)
        if explanation.significance.verdict == TOO_FEW:  # the line says so: it is the mover's one verdict
            channel = self._fallback(journey, change)
            return "too few evaluations to tell" + (f"; {channel}" if channel else "")
        return headline(explanation).removeprefix(f"{journey}, {self._current.label}: ")
