"""The cube behind `/cx why`: one item per journey, day and finest cell (team, channel, inquiry, agent).

``cube|journey=<j>|<Monday>`` / ``<day>#<team>|<channel>|<inquiry>|<agent>``: each evaluated contact adds its
usual counters to the one cell it falls in, dated by its case's day like every journey item. Every slice the
explanation needs (one dimension, team × channel, journey × channel, journey × team, an agent within a team)
is a sum of cells, so one more write per contact gives all of them, and a week's cells of a journey come back
in one query. Values are percent-encoded so that ``|`` and ``#`` in a team or agent id cannot split a key;
a missing value is ``-``.
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import quote, unquote

CUBE_DIMENSIONS: tuple[str, ...] = ("team", "channel", "inquiry", "agent")
MISSING = "-"


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def cube_pk(journey: str, day: date) -> str:
    return f"cube|journey={journey}|{_week(day).isoformat()}"


def cube_pks(journey: str, start: date, end: date) -> list[str]:
    """The week partitions that hold ``start`` .. ``end``."""
    weeks, week = [], _week(start)
    while week <= end:
        weeks.append(cube_pk(journey, week))
        week += timedelta(days=7)
    return weeks


def cube_sk(day: date, cell: tuple[str | None, ...]) -> str:
    values = "|".join(MISSING if v is None else quote(v, safe="") for v in cell)
    return f"{day.isoformat()}#{values}"


def cube_sk_range(start: date, end: date) -> tuple[str, str]:
    return start.isoformat(), f"{end.isoformat()}#~"


def parse_cube_sk(sk: str) -> tuple[date, tuple[str | None, ...]]:
    day, values = sk.split("#", 1)
    return date.fromisoformat(day), tuple(None if v == MISSING else unquote(v) for v in values.split("|"))
