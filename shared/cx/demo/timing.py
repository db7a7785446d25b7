"""When contacts start and how far apart their messages are: chat minutes, email hours, voice seconds."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, tzinfo

from cx.domain.conversation import Channel, Role

_LIVE_HOURS = (8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)
_LIVE_WEIGHTS = (4, 8, 10, 10, 8, 8, 9, 9, 8, 6, 4, 2)
_EMAIL_WEIGHTS = (1, 1, 1, 1, 1, 1, 2, 4, 7, 9, 9, 8, 7, 8, 8, 7, 6, 5, 4, 4, 4, 3, 2, 1)

# seconds between messages by channel: (customer reply range, agent reply range)
_GAPS: dict[Channel, tuple[tuple[int, int], tuple[int, int]]] = {
    Channel.CHAT: ((20, 240), (30, 300)),
    Channel.EMAIL: ((1800, 20 * 3600), (3600, 9 * 3600)),
    Channel.VOICE: ((3, 40), (5, 60)),
}


def contact_start(rng: random.Random, day: date, channel: Channel, tz: tzinfo) -> datetime:
    """A plausible start time on ``day``: live channels in opening hours, email around the clock."""
    if channel is Channel.EMAIL:
        hour = rng.choices(range(24), weights=_EMAIL_WEIGHTS)[0]
    else:
        hour = rng.choices(_LIVE_HOURS, weights=_LIVE_WEIGHTS)[0]
    return datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=tz)


def message_times(
    rng: random.Random, start: datetime, channel: Channel, roles: list[Role], latest: datetime
) -> list[datetime]:
    """One timestamp per message from ``start``, squeezed to end before ``latest`` if they would not."""
    offsets = [0.0]
    for role in roles[1:]:
        customer_gap, agent_gap = _GAPS[channel]
        low, high = customer_gap if role is Role.CUSTOMER else agent_gap
        gap = 1 if role is Role.SYSTEM else rng.uniform(low, high)
        offsets.append(offsets[-1] + gap)
    room = (latest - start).total_seconds()
    if offsets[-1] > room:
        offsets = [o * room / offsets[-1] for o in offsets]
    return [start + timedelta(seconds=int(o)) for o in offsets]
