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
SAID = tuple(f"customer_{name}" for name in CUSTOMER)  # bit k of a turn's ``said`` mask
HEARD = ("agent_carried_out", *(f"agent_{name}" for name in AGENT))  # bit k of its ``heard`` mask
FEATURES: tuple[str, ...] = (
    *SAID,
    *HEARD,
    "negative_tone",  # VADER compound of the turn (politeness masked) when below 0, else 0
    "positive_tone",
    "question",
    *NO_AFTER,
    "words",  # tens of words in the turn, at most MAX_WORDS a turn
)
# SGD's turns are short (8 words on average); a long support email must not read as a happy customer
MAX_WORDS = 20
_SAYS_NO = 1 << list(CUSTOMER).index("says_no")
_NO_AFTER = {name: 1 << HEARD.index(f"agent_{cue}") for name, cue in NO_AFTER.items()}


@dataclass(frozen=True)
class Turns:
    """Per customer turn (in the reading's order): the cues it shows and those of the agent message it
    answers (bit masks over SAID and HEARD), that message's index, its tone, question and length."""

    reading: Reading
    said: tuple[int, ...]
    heard: tuple[int, ...]
    before: tuple[int | None, ...]
    questions: tuple[bool, ...]
    words: float  # all customer turns' words, in tens

    def means(self) -> dict[str, float]:
        n = len(self.said)
        out = dict.fromkeys(FEATURES, 0.0)
        for names, masks in ((SAID, self.said), (HEARD, self.heard)):
            for mask in masks:
                while mask:
                    low = mask & -mask
                    out[names[low.bit_length() - 1]] += 1.0
                    mask ^= low
        for name, bit in _NO_AFTER.items():
            out[name] = float(sum(1 for s, h in zip(self.said, self.heard, strict=True) if s & _SAYS_NO and h & bit))
        mood = self.reading.mood
        out["negative_tone"] = sum(v for v in mood if v < 0)
        out["positive_tone"] = sum(v for v in mood if v > 0)
        out["question"] = float(sum(self.questions))
        out["words"] = self.words
        return {name: value / n for name, value in out.items()}

    def where(self, features: tuple[str, ...]) -> list[int]:
        """The customer turns (positions in the reading's customer_turns) showing any of ``features``
        (cues, "no_to_…" and "question")."""
        said = sum(1 << SAID.index(f) for f in features if f in SAID)
        heard = sum(1 << HEARD.index(f) for f in features if f in HEARD)
        after = sum(_NO_AFTER[f] for f in features if f in _NO_AFTER)
        question = "question" in features
        return [
            k
            for k, (s, h) in enumerate(zip(self.said, self.heard, strict=True))
            if s & said or h & heard or (s & _SAYS_NO and h & after) or (question and self.questions[k])
        ]


def read_turns(r: Reading, outcome: Outcome) -> Turns:
    """Each message tokenised once (cues.Cues): the cues of each customer turn and of the answer before it."""
    said: list[int] = []
    heard: list[int] = []
    before: list[int | None] = []
    questions: list[bool] = []
    words = 0
    messages, done = r.messages, outcome.done_in
    for index in r.customer_turns:
        text = messages[index].text
        previous = index - 1 if index and messages[index - 1].role is Role.AGENT else None
        said.append(CUSTOMER_CUES.find(text))
        # bit 0: carried out (offline-v2's outcome statements), then the agent cues
        heard.append(0 if previous is None else AGENT_CUES.find(messages[previous].text) << 1 | (previous in done))
        before.append(previous)
        questions.append(text.rstrip().endswith("?"))
        words += min(MAX_WORDS, len(text.split()))
    return Turns(r, tuple(said), tuple(heard), tuple(before), tuple(questions), words / 10)
