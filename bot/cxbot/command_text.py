"""The `/cx` grammar: `/cx <subcommand> [arguments] [range] [filters] [share]`."""

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
class ExportQuery:
    target: JourneysQuery | JourneyQuery | CaseQuery


@dataclass(frozen=True)
class HelpQuery:
    problem: str | None = None


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
class _Tail:
    range_text: str = DEFAULT_RANGE
    filters: tuple[tuple[str, str], ...] = ()
    share: bool = False


def _tail(verb: str, words: list[str], max_filters: int = 1) -> _Tail | HelpQuery:
    """After the arguments: at most one range, filters `name:value` (``max_filters`` of different kinds), and
    `share`."""
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
    return _Tail(ranges[0] if ranges else DEFAULT_RANGE, tuple(filters), share)


def _view(verb: str, args: list[str]) -> Query:
    if verb == "journeys":
        tail = _tail(verb, args)
        return tail if isinstance(tail, HelpQuery) else JourneysQuery(tail.range_text, tail.filters, tail.share)
    if verb == "journey":
        if not args:
            return HelpQuery("`/cx journey` needs a journey name, e.g. `/cx journey billing last-week`.")
        tail = _tail(verb, args[1:])
        if isinstance(tail, HelpQuery):
            problem = tail.problem or ""
            if "one range" in problem:
                problem = f"`/cx journey` takes a name and a range; I got `{' '.join(args)}`."
            return HelpQuery(problem)
        return JourneyQuery(args[0], tail.range_text, tail.filters, tail.share)
    if verb == "case":
        if len(args) not in (1, 2) or (len(args) == 2 and args[1].lower() != "share"):
            return HelpQuery("`/cx case` needs one case id, e.g. `/cx case case-00042`.")
        return CaseQuery(args[0], share=len(args) == 2)
    if verb == "why":
        return _why(args)
    if verb == "calibration":
        if len(args) > 1:
            return HelpQuery(f"`/cx calibration` takes at most a scorer name; I got `{' '.join(args)}`.")
        return CalibrationQuery(args[0] if args else None)
    if verb == "digest":
        tail = _tail(verb, args)
        if isinstance(tail, HelpQuery) or tail.filters:
            return HelpQuery("`/cx digest` takes a range and `share`, e.g. `/cx digest last-week share`.")
        return DigestQuery(tail.range_text if any(a.lower() != "share" for a in args) else "last-week", tail.share)
    return HelpQuery(f"I don't know `/cx {verb}`.")


def _performance(verb: str, args: list[str]) -> Query:
    if verb == "me":
        if len(args) > 1:
            return HelpQuery(f"`/cx me` takes at most a range, e.g. `/cx me last-30d`; I got `{' '.join(args)}`.")
        return PerformanceQuery(None, args[0] if args else PERFORMANCE_RANGE)
    if not args or len(args) > 2:
        return HelpQuery("`/cx agent` needs one agent and at most a range, e.g. `/cx agent @ana last-30d`.")
    return PerformanceQuery(args[0], args[1] if len(args) == 2 else PERFORMANCE_RANGE)


def _plans(args: list[str]) -> Query:
    if not args or args[0].lower() == "list":
        return PlansQuery()
    action = args[0].lower()
    if action not in ("view", "close") or len(args) < 2:
        return HelpQuery("Use `/cx plans`, `/cx plans view <plan id>` or `/cx plans close <plan id> [note]`.")
    if action == "view" and len(args) > 2:
        return HelpQuery("`/cx plans view` takes one plan id.")
    return PlansQuery(action, args[1], " ".join(args[2:]) or None)


def _why(args: list[str]) -> Query:
    if not args:
        return HelpQuery("`/cx why` needs a journey or `all`, e.g. `/cx why billing last-week`.")
    tail = _tail("why", args[1:], max_filters=2)
    if isinstance(tail, HelpQuery):
        if tail.problem and ("filter" in tail.problem.lower()):
            return tail
        return HelpQuery(
            f"`/cx why` takes a journey (or `all`), a range, up to two filters (`team:…`, `channel:…`, "
            f"`agent:…`) and `share`; I got `{' '.join(args)}`."
        )
    return WhyQuery(args[0], tail.range_text, tail.share, tail.filters)


def parse(text: str) -> Query:
    words = text.split()
    if not words or words[0].lower() in ("help", "?"):
        return HelpQuery()
    verb, args = words[0].lower(), words[1:]
    if verb in ("me", "agent"):
        return _performance(verb, args)
    if verb == "plans":
        return _plans(args)
    if verb == "export":
        if not args:
            return HelpQuery("`/cx export` needs a view, e.g. `/cx export journeys last-30d`.")
        target = _view(args[0].lower(), args[1:])
        return target if isinstance(target, HelpQuery) else ExportQuery(target)  # type: ignore[arg-type]
    if verb == "admin":
        action = args[0].lower() if args else "show"
        if action not in ("show", "history", "set") or (action == "set" and len(args) < 2):
            return HelpQuery(
                "`/cx admin` takes `show`, `history` or `set key=value …`, e.g. `/cx admin set pass_threshold=4`."
            )
        return AdminQuery(action, tuple(args[1:]))
    return _view(verb, args)
