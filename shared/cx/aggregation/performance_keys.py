"""The aggregate keys behind agent performance and coaching, fed by the same exactly-once fold.

- ``inquiry=<i>|by-agent`` / ``<day>#<agent>#<team>``: every agent's figures on an inquiry, one query for a
  range (the ratings compare an agent with all agents on the inquiry; the team part gives the team average).
- ``agent=<a>|by-inquiry`` / ``<day>#<inquiry>``: which inquiries an agent handled in a range, one query.
- ``recent|agent=<a>|inquiry=<i>`` / ``<UTC time>#<conversation id>``: one row per contact, read newest first
  (a plan's *now* value is the average of the 20 most recent; the example conversations come from it too).

Each row holds the contact's usual counters, so a re-score moves its contribution like any other key.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cx.aggregation.contribution import AggKey, Applied

NO_TEAM = "-"


def by_agent_pk(inquiry: str) -> str:
    return f"inquiry={inquiry}|by-agent"


def by_agent_sk(day: date, agent: str, team: str | None) -> str:
    return f"{day.isoformat()}#{agent}#{team or NO_TEAM}"


def by_inquiry_pk(agent: str) -> str:
    return f"agent={agent}|by-inquiry"


def recent_pk(agent: str, inquiry: str) -> str:
    return f"recent|agent={agent}|inquiry={inquiry}"


def recent_sk(moment: datetime, conversation_id: str) -> str:
    return f"{moment.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}#{conversation_id}"


def day_range(start: date, end: date) -> tuple[str, str]:
    """Sort keys from ``start`` to ``end`` inclusive for keys that begin with the day."""
    return start.isoformat(), f"{end.isoformat()}#~"


def performance_keys(applied: Applied) -> list[AggKey]:
    agent, inquiry, day = applied.agent_id, applied.inquiry, applied.contact_day
    if not (agent and inquiry and day):
        return []
    keys = [
        (by_agent_pk(inquiry), by_agent_sk(day, agent, applied.team)),
        (by_inquiry_pk(agent), f"{day.isoformat()}#{inquiry}"),
    ]
    if applied.as_of is not None:
        keys.append((recent_pk(agent, inquiry), recent_sk(applied.as_of, applied.conversation_id)))
    return keys
