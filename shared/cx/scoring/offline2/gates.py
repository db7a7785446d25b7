"""Cheap gates in front of the cue patterns: a pattern can only match text holding one of its substrings.

Python's regex engine tries every alternative at every position; a substring test in C rules most text
out first. Each gate lists, lowercase, a piece that every match of its pattern must contain (a unit test
holds each pattern to its gate on real conversations). Both offline scorers use them; offline-v1 only on
ASCII text, where lowercasing and the regex's case-insensitive matching agree exactly.
"""

from __future__ import annotations

import re

from cx.scoring import cues as v1

from . import cues

GATES: dict[re.Pattern[str], tuple[str, ...]] = {
    v1.RESOLVED: ("work", "fixed", "resolved", "sorted", "help", "solved", "all set"),
    v1.UNRESOLVED: ("still", "resolved", "fixed", "sorted", "help", "work", "forget", "never", "give up", "waste",
                    "useless"),
    v1.THANKS: ("thank", "thx", "appreciate"),
    v1.CLOSING: ("that", "nothing else", "all good", "bye"),
    v1.TRANSFER: ("transfer", "put ", "escalat", "department", "team", "supervisor", "manager"),
    v1.REPEATS: ("already", "said", "told", "mentioned", "how many times", "time", "again and again", "over and over"),
    v1.REPEAT_CONTACT: ("call", "waiting", "on hold", "contacted"),
    v1.REJECTION: ("no", "nah", "something else", "options", "ones", "anything else", "try again", "wrong", "instead"),
    v1.UNABLE: ("able to", "could", "can", "available", "unfortunately"),
    v1.EMPATHY: ("sorry", "apolog", "understand", "i can see", "frustrat", "i hear you"),
    v1.OWNERSHIP: ("i'll", "i will", "i've", "i have", "let me"),
    v1.DISMISSIVE: ("calm down", "not my", "not our", "nothing", "should have", "as i", "policy", "deal with it",
                    "read the"),
    cues.AGENT_SUCCESS: ("confirm", "book", "reserv", "schedul", "made", "placed", "complet", "process", "sent",
                         "added", "set", "creat", "purchas", "done", "transfer", "cancel", "updat", "chang", "moved",
                         "fixed", "refund", "issued", "resolved", "on its way", "on the way", "success", "enjoy",
                         "playing", "have a "),
    cues.AGENT_FAILURE: ("success", "could not", "couldn't", "can't", "cannot", "unable", "able to", "failed", "no ",
                         "nothing", "none", "available", "fully booked", "sold out", "error"),
    cues.REJECTION: ("no", "nah", "something else", "other", "more", "different", "another", "anything else",
                     "try again", "wrong", "instead", "don't like", "change"),
    cues.POLITE: ("please", "pls", "kindly", "like", "love", "help", "free", "want", "need", "interested", "looking",
                  "hope", "wish"),
}  # fmt: skip


def may_match(pattern: re.Pattern[str], lowered: str) -> bool:
    """False only when ``pattern`` cannot match the text whose lowercase form is ``lowered``."""
    gate = GATES.get(pattern)
    if gate is None:
        return True
    for piece in gate:  # noqa: SIM110 (a plain loop: faster than any() over a generator)
        if piece in lowered:
            return True
    return False
