"""The service (domain) of a Schema-Guided Dialogue conversation, inferred from its customer's first turns.

The shared uss-sgd file does not say which service a dialogue used; its first request does ("I need a
doctor", "find me a bus"). Used to hold out whole services when validating a scorer (leave-one-group-out).
"""

from __future__ import annotations

import re

from cx.domain.conversation import Conversation, Role

_RULES = (
    ("weather", r"weather|humid|rain\b|temperature"),
    ("flights", r"flight|plane|fly\b|airline|round[- ]trip|one[- ]way"),
    ("buses", r"\bbus(?:es)?\b|coach|\btrain"),
    ("rental_cars", r"rental car|rent a car|hire a car|car rental|rent (?:a |an )?(?:car|vehicle)|\bcar\b"),
    ("hotels", r"hotel|somewhere to stay|place to stay|accommodation|lodging|\broom"),
    ("homes", r"apartment|house|property|bed ?room|\bhome"),
    ("restaurants", r"restaurant|\beat\b|dine|dinner|lunch|food|cuisine|table|reservation|chow|cafe|hungry"),
    (
        "services",
        r"doctor|dentist|dental|salon|hair|stylist|physician|practitioner|therapist|psychiatrist|\bill\b|sick|"
        r"not well|gynecologist|dermatologist|ophthalmologist|specialist|beauty|parlou?r",
    ),
    ("events", r"event|concert|show|game|match|ticket|something to do|things to do|stuff to do|sports|do something"),
    ("attractions", r"attraction|sightseeing|tourist|to visit|to see|mall|interesting"),
    ("media", r"movie|film|watch|cinema"),
    ("music", r"music|song|album|playlist|listen"),
)
_COMPILED = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _RULES)
OTHER = "other"  # weather, music, banking, calendar and the rest: each too small to hold out alone


def sgd_service(conversation: Conversation) -> str:
    """The first service asked for in the first four messages; small services pool as "other"."""
    for message in conversation.messages[:4]:
        if message.role is not Role.CUSTOMER:
            continue
        for name, pattern in _COMPILED:
            if pattern.search(message.text):
                return OTHER if name in ("weather", "music") else name
    return OTHER
