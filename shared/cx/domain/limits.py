"""What one conversation may hold so that it can be stored whole and counted.

A DynamoDB item holds at most 400 KB, and the stored conversation sits beside its evaluation;
days are counted in the workspace's time zone, so a timestamp must stay a real day in every zone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

MAX_MESSAGE_CHARS = 50_000  # about 25 pages of text: a long e-mail thread fits, a pasted log does not
MAX_MESSAGES = 1_000
MAX_TRANSCRIPT_BYTES = 200_000  # UTF-8 bytes of all message texts together: half a DynamoDB item
MAX_JSON_DEPTH = 32  # a conversation is 4 levels deep; anything far deeper is not one
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(days=1)  # time zones and clock skew; later than that is a wrong date


def out_of_window(moment: datetime) -> str | None:
    """Why ``moment`` cannot be counted, or None when it can."""
    if not EARLIEST <= moment < LATEST:
        return (
            f"timestamp {moment.isoformat()} is outside {EARLIEST.year}-{LATEST.year - 1}; "
            "check the year and the format (ISO 8601 with an offset)"
        )
    return None


def in_future(moment: datetime, now: datetime) -> str | None:
    """Why ``moment`` is not believable as a past contact at ``now``, or None."""
    if moment > now + FUTURE_TOLERANCE:
        # no "now" in the reason: loading the same file again gives the same reject, kept once
        return f"timestamp {moment.isoformat()} is in the future; fix the date"
    return None


def json_depth(value: object) -> int:
    """How deeply lists and objects nest in ``value``, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest
