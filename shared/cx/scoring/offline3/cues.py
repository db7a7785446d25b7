"""Turn cues of the ``offline-v3`` rubric (see rubrics/offline-v3.md): how a customer turn reacts to the
agent's answer before it, and what that answer did. General English words and phrases, no service's
vocabulary. Each message is tokenised once; a cue is found by its words (one dictionary look-up a token
for all cues at once) or its phrases (several words in a row), so no pattern scans the text per cue."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Cue:
    words: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()  # several words in a row, lowercase
    opening: bool = False  # only the message's first word counts


def cue(words: str = "", phrases: tuple[str, ...] = (), opening: bool = False) -> Cue:
    return Cue(frozenset(words.split()), phrases, opening)


class Cues:
    """A group of named cues, found together: ``find(text)`` is the bit mask of the cues the text shows
    (bit k for the k-th cue)."""

    def __init__(self, cues: Mapping[str, Cue]) -> None:
        self.names = tuple(cues)
        self._anywhere: dict[str, int] = {}
        self._opening: dict[str, int] = {}
        self._phrases: list[tuple[str, str, int]] = []  # (first word, " phrase ", bit)
        for k, c in enumerate(cues.values()):
            table = self._opening if c.opening else self._anywhere
            for word in c.words:
                table[word] = table.get(word, 0) | 1 << k
            self._phrases += [(p.split()[0], f" {p} ", 1 << k) for p in c.phrases]
        self._words = frozenset(self._anywhere)

    def find(self, text: str) -> int:
        lowered = text.lower()
        tokens = _TOKEN.findall(lowered.replace("\u2019", "'") if "\u2019" in lowered else lowered)
        if not tokens:
            return 0
        anywhere = self._anywhere
        mask = self._opening.get(tokens[0], 0)
        for word in self._words.intersection(tokens):  # a set operation in C; only the cue words are looped
            mask |= anywhere[word]
        spaced = ""
        for first, phrase, bit in self._phrases:
            if not mask & bit and first in tokens:
                spaced = spaced or " " + " ".join(tokens) + " "
                if phrase in spaced:
                    mask |= bit
        return mask


# What the customer says of the answer before.
CUSTOMER: dict[str, Cue] = {
    "approves": cue("perfect great awesome excellent wonderful fine nice cool good", ("works for me", "that works",
                                                                                      "love it")),
    "agrees": cue("yes yeah yep yup sure ok okay correct right exactly", opening=True),
    "thanks": cue("thanks thank thx appreciate appreciated grateful"),
    "says_no": cue("no nope nah not", opening=True),
    "asks_for_other": cue("other else another different more"),
    "asks_again": cue("again"),
    "corrects": cue("instead actually change rather wrong", ("not what", "i said", "i meant")),
    "closes": cue("bye goodbye", ("that's all", "thats all", "that is all", "nothing else", "all i need",
                                  "all i needed", "that will be all", "that'll be all")),
    "negation": cue("don't not never", ("do not",)),
}  # fmt: skip
# What the agent's answer before it did ("carried out" is offline-v2's outcome statements, Outcome.done_in).
AGENT: dict[str, Cue] = {
    "failed": cue("sorry unable couldn't can't cannot failed unsuccessful unfortunately apologies apologize "
                  "apologise apology apologized apologised", ("could not", "not successful", "didn't go through")),
    "reads_back": cue("confirm confirmed confirming confirmation verify correct accurate"),
    "offers": cue("", ("would you like", "shall i", "do you want", "should i", "want me to", "do you wish")),
    "anything_else": cue("else further"),
    "proposes": cue("found", ("there is", "there are", "how about", "what about", "i have")),
}  # fmt: skip
CUSTOMER_CUES, AGENT_CUES = Cues(CUSTOMER), Cues(AGENT)
