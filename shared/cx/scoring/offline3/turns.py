"""The features of ``offline-v3``: for each customer turn, its reaction cues, its tone and what the agent's
answer before it did; a conversation's features are their means over its customer turns."""

from __future__ import annotations

from dataclasses import dataclass

from cx.domain.conversation import Role
from cx.scoring.offline2.reading import Reading
from cx.scoring.offline2.resolution import Outcome

from .cues import AGENT, AGENT_CUES, CUSTOMER, CUSTOMER_CUES

# A "No" means something else after each of these answers: after "anything else?" it closes the contact;
# after a read-back it corrects the agent; after an offer or a proposal it turns it down.
NO_AFTER = {"no_to_anything_else": "anything_else", "no_to_read_back": "reads_back", "no_to_offer": "offers",
            "no_to_proposal": "proposes"}  # fmt: skip
FEATURES: tuple[str, ...] = (
    *(f"customer_{name}" for name in CUSTOMER),
    "agent_carried_out",
    *(f"agent_{name}" for name in AGENT),
    "negative_tone",  # VADER compound of the turn (politeness masked) when below 0, else 0
    "positive_tone",
    "question",
    *NO_AFTER,
    "words",  # tens of words in the turn
)
_SAYS_NO = 1 << list(CUSTOMER).index("says_no")
_CUSTOMER_BITS = range(len(CUSTOMER))
_AGENT_BITS = range(len(AGENT) + 1)  # carried out, then AGENT's
_NO_AFTER_MASKS = [1 << (list(AGENT).index(cue) + 1) for cue in NO_AFTER.values()]
_ONE = (0.0, 1.0)


@dataclass(frozen=True)
class Turns:
    """Each customer turn's features (in FEATURES order) and the agent message it answers, if any."""

    reading: Reading
    rows: tuple[tuple[float, ...], ...]
    before: tuple[int | None, ...]

    def means(self) -> dict[str, float]:
        n = len(self.rows)
        return {name: sum(column) / n for name, column in zip(FEATURES, zip(*self.rows, strict=True), strict=True)}

    def where(self, features: tuple[str, ...]) -> list[int]:
        """The customer turns (positions in the reading's customer_turns) where any of ``features`` is not 0."""
        columns = [FEATURES.index(f) for f in features]
        return [k for k, row in enumerate(self.rows) if any(row[j] for j in columns)]


def read_turns(r: Reading, outcome: Outcome) -> Turns:
    """Each message tokenised once (cues.Cues), then one row per customer turn."""
    rows: list[tuple[float, ...]] = []
    before: list[int | None] = []
    messages, done = r.messages, outcome.done_in
    for k, index in enumerate(r.customer_turns):
        text = messages[index].text
        previous = index - 1 if index and messages[index - 1].role is Role.AGENT else None
        said = CUSTOMER_CUES.find(text)
        # bit 0: carried out (offline-v2's outcome statements), then the agent cues
        heard = 0 if previous is None else AGENT_CUES.find(messages[previous].text) << 1 | (previous in done)
        no = said & _SAYS_NO
        tone = r.mood[k]
        rows.append(
            (
                *[_ONE[said >> bit & 1] for bit in _CUSTOMER_BITS],
                *[_ONE[heard >> bit & 1] for bit in _AGENT_BITS],
                tone if tone < 0 else 0.0,
                tone if tone > 0 else 0.0,
                1.0 if text.rstrip().endswith("?") else 0.0,
                *[_ONE[bool(no and heard & mask)] for mask in _NO_AFTER_MASKS],
                len(text.split()) / 10,
            )
        )
        before.append(previous)
    return Turns(r, tuple(rows), tuple(before))
