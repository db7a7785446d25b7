"""Phrase cues of the ``offline-v2`` rubric (see rubrics/offline-v2.md); sentiment stays VADER's.

These say what a sentiment lexicon misreads or cannot see: requests and politeness, opinions about
the subject, the agent's own outcome statements, and polite closings.
"""

from __future__ import annotations

import re


def _phrases(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


# Words that make a request polite, not a customer happy: masked before VADER reads the sentence.
POLITE = re.compile(
    r"\b(?:please|pls|kindly|(?:i|we)(?:'d| would) (?:like|love)|would (?:like|love)|like to|help(?: me)?|free|"
    r"(?:i|we) (?:want|need)|interested in|looking for|hope|wish)\b",
    re.IGNORECASE,
)
# A request or a question asks for something; its sentiment words describe what is wanted.
# (a question mark at the end makes a question too; checked apart, it is faster)
REQUEST = re.compile(
    r"\W*(?:(?:can|could|would|will) you|(?:can|could|may) i|find|search|look|get|book|reserve|show|tell|give|"
    r"check|play|make|buy|send|add|set|(?:i|we)(?:'d| would| want| need| am looking| 'm looking| wanna)|"
    r"is there|are there|what|which|where|when|how|who|do you|does it|is it|are they)\b",
    re.IGNORECASE,
)
# Opinions about the subject (a film, a dish, a place), not about the service.
SUBJECT_WORDS = frozenset(
    [
        "movie",
        "movies",
        "film",
        "films",
        "show",
        "shows",
        "song",
        "songs",
        "music",
        "album",
        "artist",
        "band",
        "actor",
        "actress",
        "book",
        "books",
        "food",
        "dish",
        "dishes",
        "cuisine",
        "menu",
        "restaurant",
        "restaurants",
        "place",
        "places",
        "hotel",
        "hotels",
        "room",
        "rooms",
        "apartment",
        "apartments",
        "house",
        "weather",
        "city",
        "view",
        "event",
        "events",
        "concert",
        "game",
        "team",
        "attraction",
        "attractions",
        "museum",
        "park",
        "car",
        "flight",
        "flights",
        "seat",
        "seats",
        "doctor",
        "dentist",
        "salon",
        "stylist",
        "genre",
        "story",
        "plot",
    ]
)
ADDRESSED_WORDS = frozenset(["you", "your", "thank", "thanks", "helpful", "appreciate"])

# The agent states the outcome of what was asked.
AGENT_SUCCESS = _phrases(
    r"(?:is|are|was|were|has been|have been) (?:now )?(?:successfully )?(?:confirmed|booked|reserved|scheduled|"
    r"made|placed|completed?|processed|sent|added|set up|created|purchased|done|transferred|cancelled|canceled|"
    r"updated|changed|moved|fixed|refunded|issued|resolved|on (?:its|the) way)",
    "successful(?:ly)?",
    "(?:you(?:'re| are)|you're) all set",
    "all set",
    "(?:i|we)(?:'ve| have) (?:booked|reserved|scheduled|made|placed|completed|processed|sent|added|set|created|"
    "purchased|transferred|cancelled|canceled|updated|changed|moved|fixed|refunded|issued)",
    "enjoy (?:your|the)",
    "(?:is|are) (?:now )?playing",
    "started playing",
    "have a (?:good|great|nice|wonderful) (?:day|time|trip|flight|meal|evening|night|stay)",
)
AGENT_FAILURE = _phrases(
    r"(?:was|were|is|has been) (?:not |un)successful",
    "unsuccessful",
    r"(?:could not|couldn't|can't|cannot|unable to|wasn't able to|was not able to|failed to|not able to) "
    r"(?:book|make|reserve|complete|process|find|confirm|schedule|place|purchase|buy|get|locate|do|help|transfer|"
    r"change|cancel|add|set|send|play)",
    "failed",
    "(?:there (?:are|were|is) )?no (?:results?|matches|availability|tickets|flights|rooms|seats|events|slots|buses|"
    "trains|cars|options|appointments)",
    "(?:nothing|none) (?:is )?(?:available|found)",
    "(?:not|no longer) available",
    "fully booked",
    "sold out",
    "(?:an|the) error",
)
# Customer turns a suggestion down or corrects the agent (effort). A bare leading "No" answers a question
# ("Anything else?" "No, that's all") and is not one; "No, I want the 5th" is.
# A "No" that answers the agent's read-back of the details is a correction: the agent got them wrong.
LEADING_NO = re.compile(r"^\W*(?:no|nope|nah)\b", re.IGNORECASE)
READ_BACK = re.compile(
    r"confirm|verify|here's what i heard|is that (?:right|correct)|to clarify|the details|(?:correct|right)\?",
    re.IGNORECASE,
)
REJECTION = _phrases(
    r"(?<![\w'])(?:no|nope|nah)\b[\s,.!]*(?:i (?:want|need|would|'d|said|meant)|how about|what about|make it|"
    r"change|it should|rather|that's not|that is not|wrong)",
    "something else",
    "(?:other|more|different|another) (?:options?|ones?|choices?|suggestions?)",
    "anything else(?= ?\\?)",
    "try again",
    "not (?:what|right(?! now| away)|correct|that one)",
    "(?:that's|that is) wrong",
    "wrong",
    "instead",
    "(?:i )?don't like (?:it|that|this)",
    "change (?:it|that|the)",
)
