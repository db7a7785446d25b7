"""The aggregate keys behind agent performance and coaching that one contribution feeds (layout in ``keys``).

Each row holds the contact's usual counters, so a re-score moves its contribution like any other key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cx.aggregation.keys import by_agent_pk, by_agent_sk, by_inquiry_pk, by_inquiry_sk, recent_pk, recent_sk

if TYPE_CHECKING:
    from cx.aggregation.contribution import Applied
    from cx.aggregation.keys import AggKey


def performance_keys(applied: Applied) -> list[AggKey]:
    agent, inquiry, day = applied.agent_id, applied.inquiry, applied.contact_day
    if not (agent and inquiry and day):
        return []
    keys = [
        (by_agent_pk(inquiry), by_agent_sk(day, agent, applied.team)),
        (by_inquiry_pk(agent), by_inquiry_sk(day, inquiry)),
    ]
    if applied.as_of is not None:
        keys.append((recent_pk(agent, inquiry), recent_sk(applied.as_of, applied.conversation_id)))
    return keys
