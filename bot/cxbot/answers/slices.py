"""From the filters a user typed to the slice a report reads, within what the user's role allows."""

from __future__ import annotations

import re
from collections.abc import Callable

from cx.access import Viewer, allowed_cell, allowed_slice
from cx.reports.cells import Cell
from cx.reports.slices import EVERYTHING, Slice
from cxbot.typed_text import closest

_MENTION = re.compile(r"^<?@([A-Z0-9]+)(?:\|[^>]*)?>?$")


def filter_value(name: str, value: str) -> str:
    """`agent:<@U0AGENT01|ana>`, `agent:@U0AGENT01` and `agent:U0AGENT01` all name the agent U0AGENT01."""
    if name == "agent" and (m := _MENTION.match(value)):
        return m.group(1)
    return value.lower() if name in ("channel", "team") else value


def typed_slice(filters: tuple[tuple[str, str], ...]) -> Slice:
    if not filters:
        return EVERYTHING
    return Slice(filters[0][0], tuple(filter_value(n, v) for n, v in filters))


def slice_for(who: Viewer, filters: tuple[tuple[str, str], ...]) -> Slice:
    return allowed_slice(who, typed_slice(filters))


def where_for(who: Viewer, filters: tuple[tuple[str, str], ...]) -> Slice | Cell:
    """One filter (or a lead's teams) is a slice of the journey's items; two are a cell of its cube."""
    if len({n for n, _ in filters}) < 2:
        return slice_for(who, filters)
    return allowed_cell(who, Cell(tuple((n, filter_value(n, v)) for n, v in filters)))


class UnknownFilter(LookupError):
    """A filter value no evaluation has: said as unknown, with the closest known value."""


def check_known(filters: tuple[tuple[str, str], ...], known: Callable[[str], set[str]]) -> None:
    """Raise UnknownFilter for a `team:`, `channel:` or `agent:` value the data has never had."""
    for name, typed in filters:
        value, values = filter_value(name, typed), known(name)
        if not values or value in values:
            continue
        meant = closest(value, sorted(values))
        hint = f" Did you mean `{name}:{meant}`?" if meant else f" Known: {', '.join(sorted(values)[:10])}."
        raise UnknownFilter(f"I don't know the {name} `{typed}`: no evaluated conversation has it.{hint}")
