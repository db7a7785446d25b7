"""From the filters a user typed to the slice a report reads, within what the user's role allows."""

from __future__ import annotations

import re

from cx.access import Viewer, allowed_slice
from cx.reports.slices import EVERYTHING, Slice

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
