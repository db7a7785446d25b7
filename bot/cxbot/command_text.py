"""The `/cx` grammar: `/cx <subcommand> [arguments] [range]`."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_RANGE = "last-7d"


@dataclass(frozen=True)
class JourneyQuery:
    journey: str
    range_text: str


@dataclass(frozen=True)
class HelpQuery:
    problem: str | None = None


@dataclass(frozen=True)
class CalibrationQuery:
    scorer: str | None = None


Query = JourneyQuery | HelpQuery | CalibrationQuery


def parse(text: str) -> Query:
    words = text.split()
    if not words or words[0].lower() in ("help", "?"):
        return HelpQuery()
    verb, args = words[0].lower(), words[1:]
    if verb == "journey":
        if not args:
            return HelpQuery("`/cx journey` needs a journey name, e.g. `/cx journey billing last-week`.")
        if len(args) > 2:
            return HelpQuery(f"`/cx journey` takes a name and a range; I got `{' '.join(args)}`.")
        return JourneyQuery(args[0], args[1] if len(args) > 1 else DEFAULT_RANGE)
    if verb == "calibration":
        if len(args) > 1:
            return HelpQuery(f"`/cx calibration` takes at most a scorer name; I got `{' '.join(args)}`.")
        return CalibrationQuery(args[0] if args else None)
    return HelpQuery(f"I don't know `/cx {verb}`.")
