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
class DigestQuery:
    range_text: str = "last-week"
    share: bool = False


Query = JourneyQuery | JourneysQuery | CaseQuery | ExportQuery | HelpQuery | CalibrationQuery | DigestQuery


@dataclass(frozen=True)
class _Tail:
    range_text: str = DEFAULT_RANGE
    filters: tuple[tuple[str, str], ...] = ()
    share: bool = False


def _tail(verb: str, words: list[str]) -> _Tail | HelpQuery:
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
    if len({n for n, _ in filters}) > 1:
        return HelpQuery("Filter on one of channel, team or agent at a time.")
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


def parse(text: str) -> Query:
    words = text.split()
    if not words or words[0].lower() in ("help", "?"):
        return HelpQuery()
    verb, args = words[0].lower(), words[1:]
    if verb == "export":
        if not args:
            return HelpQuery("`/cx export` needs a view, e.g. `/cx export journeys last-30d`.")
        target = _view(args[0].lower(), args[1:])
        return target if isinstance(target, HelpQuery) else ExportQuery(target)  # type: ignore[arg-type]
    return _view(verb, args)
