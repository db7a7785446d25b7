"""The aggregate key layout: every (pk, sk) string the Aggregates table holds is built here, and only here.

Keys are (pk, sk). A pk names a dimension value (``journey=billing``, ``journey=billing|team=emea``,
``channel=chat``, ``case=<id>``); its sk is a local day, or ``case`` for a case's
own item. Case indexes (``cases|journey=<j>[|<dim>=<v>]|<Monday>``) hold one row per counted case, sorted by
``<rank>#<day>#<case id>``. The performance keys behind `/cx me` and coaching:

- ``inquiry=<i>|by-agent`` / ``<day>#<agent>#<team>``: every agent's figures on an inquiry, one query for a
  range (the ratings compare an agent with all agents on the inquiry; the team part gives the team average).
- ``agent=<a>|by-inquiry`` / ``<day>#<inquiry>``: which inquiries an agent handled in a range, one query.
- ``recent|agent=<a>|inquiry=<i>`` / ``<UTC time>#<conversation id>``: one row per contact, read newest first.

The per-conversation ledger lives at ``conv=<id>`` / ``applied``.

Workspaces: a deploy installed in more than one Slack workspace keeps each workspace's items under its own
namespace, ``ws=<team or enterprise id>|`` before every hash key of every table (``workspace_prefix``); the
DynamoDB models add it on the way in and take it off on the way out (``cx.adapters.dynamo.workspace_keys``),
so the keys above read the same in every workspace. A single-workspace deploy has no namespace: its keys are
exactly as they were.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote, unquote

AggKey = tuple[str, str]
Segment = tuple[str, str, str]  # (journey, dimension, value): a journey slice that has aggregate items
CASE_SK = "case"
LEDGER_SK = "applied"
CASE_PREFIX = "case="
LEDGER_PREFIX = "conv="
JOURNEY_PREFIX = "journey="
NO_TEAM = "-"
WORKSPACE_PREFIX = "ws="


def workspace_prefix(workspace: str) -> str:
    """What goes before every hash key of a workspace's items; "" (no namespace) for a single-workspace deploy."""
    if not workspace:
        return ""
    if not workspace.isalnum():
        raise ValueError(f"workspace id {workspace!r}: a Slack team or enterprise id is letters and digits")
    return f"{WORKSPACE_PREFIX}{workspace}|"


def journey_pk(journey: str) -> str:
    return f"{JOURNEY_PREFIX}{journey}"


def slice_pk(journey: str, dimension: str, value: str) -> str:
    """A journey's figures for one team, agent, channel, inquiry, scorer or reason."""
    return f"{journey_pk(journey)}|{dimension}={value}"


def journey_of_pk(pk: str) -> str:
    """The journey a ``journey=<j>`` pk names."""
    return pk.removeprefix(JOURNEY_PREFIX)


def channel_pk(channel: str) -> str:
    return f"channel={channel}"


def journey_key(journey: str, day: date) -> AggKey:
    return (journey_pk(journey), day.isoformat())


def journey_channel_key(journey: str, channel: str, day: date) -> AggKey:
    return journey_dim_key(journey, "channel", channel, day)


def journey_dim_key(journey: str, dimension: str, value: str, day: date) -> AggKey:
    """A journey's figures for one team, agent or channel (the filters of `/cx journeys`)."""
    return (slice_pk(journey, dimension, value), day.isoformat())


def channel_key(channel: str, day: date) -> AggKey:
    return (channel_pk(channel), day.isoformat())


def case_key(case_id: str) -> AggKey:
    return (f"{CASE_PREFIX}{case_id}", CASE_SK)


def case_id_of(pk: str) -> str:
    """The case a ``case=<id>`` pk names."""
    return pk.removeprefix(CASE_PREFIX)


def ledger_key(conversation_id: str) -> AggKey:
    return (f"{LEDGER_PREFIX}{conversation_id}", LEDGER_SK)


def is_ledger_pk(pk: str) -> bool:
    return pk.startswith(LEDGER_PREFIX)


def week_of(day: date) -> date:
    """The Monday that starts ``day``'s week: case indexes are partitioned by week."""
    return day - timedelta(days=day.weekday())


def case_row_pk(journey: str, week: date, dimension: str | None = None, value: str | None = None) -> str:
    """A journey's case index for one week (and slice): one row per counted case, ranked by its score."""
    sliced = f"|{dimension}={value}" if dimension else ""
    return f"cases|{journey_pk(journey)}{sliced}|{week_of(week).isoformat()}"


def rank(avg_score: float | None) -> str:
    """Sort key prefix: the lowest average CX first; cases without a score last."""
    return "none" if avg_score is None else f"{avg_score:.2f}"


def case_row_key(
    journey: str,
    day: date,
    case_id: str,
    avg_score: float | None,
    dimension: str | None = None,
    value: str | None = None,
) -> AggKey:
    """(pk, sk): the week's partition, and ``<rank>#<day>#<case id>`` so that a range read can skip other days."""
    return (case_row_pk(journey, day, dimension, value), f"{rank(avg_score)}#{day.isoformat()}#{case_id}")


def by_agent_pk(inquiry: str) -> str:
    return f"inquiry={inquiry}|by-agent"


def by_agent_sk(day: date, agent: str, team: str | None) -> str:
    return f"{day.isoformat()}#{agent}#{team or NO_TEAM}"


def by_inquiry_pk(agent: str) -> str:
    return f"agent={agent}|by-inquiry"


def by_inquiry_sk(day: date, inquiry: str) -> str:
    return f"{day.isoformat()}#{inquiry}"


def recent_pk(agent: str, inquiry: str) -> str:
    return f"recent|agent={agent}|inquiry={inquiry}"


def recent_sk(moment: datetime, conversation_id: str) -> str:
    return f"{moment.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}#{conversation_id}"


def day_range(start: date, end: date) -> tuple[str, str]:
    """Sort keys from ``start`` to ``end`` inclusive for keys that begin with the day."""
    return start.isoformat(), f"{end.isoformat()}#~"


CATALOG_PK = "catalog"  # the catalog: which journeys and journey slices have items
CATALOG_JOURNEY = "journey#"
CATALOG_SEGMENT = "seg#"


def catalog_journey_sk(journey: str) -> str:
    return f"{CATALOG_JOURNEY}{journey}"


def journey_of_catalog_sk(sk: str) -> str:
    return sk.removeprefix(CATALOG_JOURNEY)


def catalog_segment_prefix(dimension: str | None = None) -> str:
    return f"{CATALOG_SEGMENT}{dimension}#" if dimension else CATALOG_SEGMENT


def catalog_segment_sk(segment: Segment) -> str:
    journey, dimension, value = segment
    return f"{CATALOG_SEGMENT}{dimension}#{journey}#{value}"


def segment_of_catalog_sk(sk: str) -> Segment:
    dimension, journey, value = sk.removeprefix(CATALOG_SEGMENT).split("#", 2)
    return (journey, dimension, value)


# The cube behind `/cx why`: ``cube|journey=<j>|<Monday>`` / ``<day>#<team>|<channel>|<inquiry>|<agent>``, one cell
# per journey, case day and finest (team, channel, inquiry, agent); every slice the explanation needs (one
# dimension, team × channel, journey × channel, journey × team, an agent within a team) is a sum of cells, and a
# week's cells of a journey come back in one query. Values are percent-encoded so that ``|`` and ``#`` in a team
# or agent id cannot split a key; a missing value is ``-``.
CUBE_DIMENSIONS: tuple[str, ...] = ("team", "channel", "inquiry", "agent")
CUBE_MISSING = "-"


def cube_pk(journey: str, day: date) -> str:
    return f"cube|{journey_pk(journey)}|{week_of(day).isoformat()}"


def cube_pks(journey: str, start: date, end: date) -> list[str]:
    """The week partitions that hold ``start`` .. ``end``."""
    weeks, week = [], week_of(start)
    while week <= end:
        weeks.append(cube_pk(journey, week))
        week += timedelta(days=7)
    return weeks


def cube_sk(day: date, cell: tuple[str | None, ...]) -> str:
    values = "|".join(CUBE_MISSING if v is None else quote(v, safe="") for v in cell)
    return f"{day.isoformat()}#{values}"


def cube_sk_range(start: date, end: date) -> tuple[str, str]:
    return start.isoformat(), f"{end.isoformat()}#~"


def parse_cube_sk(sk: str) -> tuple[date, tuple[str | None, ...]]:
    day, values = sk.split("#", 1)
    return date.fromisoformat(day), tuple(None if v == CUBE_MISSING else unquote(v) for v in values.split("|"))


BULK_LOAD_PREFIX = "bulk#"  # a bulk load's lease and journal (cx.adapters.dynamo.bulk_writer)
JOURNAL_PK = f"{BULK_LOAD_PREFIX}journal"


def lease_key() -> AggKey:
    """The one lease a bulk load holds on the aggregates while it reads and writes them."""
    return (f"{BULK_LOAD_PREFIX}lease", "lease")


def journal_parts_prefix(load: str) -> str:
    return f"{load}#part#"


def journal_part_sk(load: str, part: int) -> str:
    return f"{journal_parts_prefix(load)}{part:05d}"


def journal_commit_key() -> AggKey:
    """The one committed journal waiting to be written (a load holds the lease, so there is at most one)."""
    return (JOURNAL_PK, "commit")


def is_bulk_load_pk(pk: str) -> bool:
    return pk.startswith(BULK_LOAD_PREFIX)


# The streaming fold's lanes (cx.adapters.dynamo.fold_lanes): ``fold#lane#<n>`` / ``lane`` holds lane n's sequence
# and the one delta it has committed but not yet finished applying. Aggregate items carry ``l<n>``, the last
# sequence of lane n they took.
FOLD_LANE_PREFIX = "fold#lane#"


def lane_key(lane: int) -> AggKey:
    return (f"{FOLD_LANE_PREFIX}{lane:02d}", "lane")


def lane_marker(lane: int) -> str:
    """The attribute of an aggregate item that holds the last sequence of ``lane`` applied to it."""
    return f"l{lane}"


def is_fold_lane_pk(pk: str) -> bool:
    return pk.startswith(FOLD_LANE_PREFIX)
