"""The `/cx` grammar: `/cx <subcommand> [arguments] [range] [filters] [share]`; what each subcommand asks for.

Each subcommand parses its own arguments (``cxbot.commands``); they share the tail: range, filters, share.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_RANGE = "last-7d"
FILTER_NAMES = ("channel", "team", "agent")


@dataclass(frozen=True)
class JourneyQuery:
    journey: str
    range_text: str
    filters: tuple[tuple[str, str], ...] = ()
    share: bool = False


@dataclass(frozen=True)
class JourneysQuery:
    range_text: str = DEFAULT_RANGE
    filters: tuple[tuple[str, str], ...] = ()
    share: bool = False


@dataclass(frozen=True)
class CaseQuery:
    case_ref: str
    share: bool = False


@dataclass(frozen=True)
class HelpQuery:
    problem: str | None = None
    brief: bool = False  # answer with the problem alone (a did-you-mean), not the whole help


@dataclass(frozen=True)
class CalibrationQuery:
    scorer: str | None = None


@dataclass(frozen=True)
class AdminQuery:
    """`/cx admin show|history|set key=value …` (managers only)."""

    action: str
    assignments: tuple[str, ...] = ()


PERFORMANCE_RANGE = "last-90d"  # agent performance: the past 3 months by default


@dataclass(frozen=True)
class PerformanceQuery:
    """`/cx me [range]` (user None: the asker) or `/cx agent @user [range]`."""

    user: str | None = None
    range_text: str = PERFORMANCE_RANGE


@dataclass(frozen=True)
class ExportQuery:
    target: JourneysQuery | JourneyQuery | CaseQuery | PerformanceQuery


@dataclass(frozen=True)
class PlansQuery:
    """`/cx plans`, `/cx plans view <id>`, `/cx plans close <id> [note]`."""

    action: str = "list"  # list | view | close
    plan_id: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class WhyQuery:
    """`/cx why <journey|all> [range] [team:… channel:… agent:…] [share]`: why the score moved against the
    period before, in the journey or in the slice the filters select (up to two, of different kinds)."""

    scope: str
    range_text: str = DEFAULT_RANGE
    share: bool = False
    filters: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DigestQuery:
    range_text: str = "last-week"
    share: bool = False


Query = (
    JourneyQuery
    | JourneysQuery
    | CaseQuery
    | ExportQuery
    | HelpQuery
    | CalibrationQuery
    | PerformanceQuery
    | PlansQuery
    | AdminQuery
    | WhyQuery
    | DigestQuery
)


@dataclass(frozen=True)
class Tail:
    range_text: str = DEFAULT_RANGE
    filters: tuple[tuple[str, str], ...] = ()
    share: bool = False


def tail(verb: str, words: list[str], max_filters: int = 1) -> Tail | HelpQuery:
    """After the arguments: at most one range, filters `name:value`, and `share`."""
    ranges, filters, share = [], [], False
    for word in words:
        name, colon, value = word.partition(":")
        if word.lower() == "share":
            share = True
        elif colon and name.lower() in FILTER_NAMES and value:
            filters.append((name.lower(), value))
        elif colon:
            return HelpQuery(
                f"I don't know the filter `{word}`; filters are `channel:chat`, `team:<name>`, `agent:@user`."
            )
        else:
            ranges.append(word)
    if len(ranges) > 1:
        return HelpQuery(f"`/cx {verb}` takes one range; I got `{' '.join(ranges)}`.")
    if max_filters == 1 and len({n for n, _ in filters}) > 1:
        return HelpQuery("Filter on one of channel, team or agent at a time.")
    if len(filters) > max_filters or len({n for n, _ in filters}) < len(filters):
        return HelpQuery(f"Filter on up to {max_filters} of channel, team or agent, each once.")
    return Tail(ranges[0] if ranges else DEFAULT_RANGE, tuple(filters), share)
