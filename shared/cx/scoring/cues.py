"""The few phrase cues the offline scorer looks for; each group is described in rubrics/offline-v1.md.

Sentiment comes from the VADER lexicon, never from these lists: they only mark resolution, effort
and agent behaviour that a sentiment lexicon cannot see ("still not working", "transfer").
"""

from __future__ import annotations

import re


def _phrases(*phrases: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive match of any phrase; phrases may hold small regex fragments."""
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


# Customer says the problem is solved.
RESOLVED = _phrases(
    "that worked",
    "it worked",
    "works now",
    "working now",
    "(?:that |it )?fixed it",
    "(?<!not )(?<!n't )(?:resolved|sorted)",
    "that help(?:s|ed)",
    "problem solved",
    "all set",
)
# Customer says the problem is not solved, or gives up.
UNRESOLVED = _phrases(
    "still (?:not|doesn't|does not|isn't|is not|can't|cannot|broken|no|waiting|haven't|have not)",
    "(?:not|isn't|wasn't|never) (?:been )?(?:resolved|fixed|sorted)",
    "unresolved",
    "(?:didn't|did not|doesn't|does not) (?:help|work)",
    "not working",
    "forget it",
    "never ?mind",
    "give up",
    "waste of (?:my )?time",
    "useless",
)
# Customer closes politely: a weak sign that the contact ended well.
THANKS = _phrases("thanks", "thank you", "thx", "appreciate (?:it|that|your help)")
CLOSING = _phrases("that(?:'s| is| will be| would be) (?:all|it)", "nothing else", "all good", "goodbye", "bye")
# Customer turns a suggestion down or corrects the agent (effort).
REJECTION = _phrases(
    r"^\W*(?:no|nope|nah)(?!\w)",
    "something else",
    "(?:other|more|different) (?:options|ones)",
    "anything else(?= ?\\?)",
    "try again",
    "not (?:what|right|correct)",
    "(?:that's|that is) wrong",
    "instead",
)
# Customer says they repeat themselves or have been here before (effort).
REPEATS = _phrases(
    "already (?:told|said|gave|given|explained|provided|sent)",
    "(?:as|like) i (?:said|told you|mentioned)",
    "i told you",
    "how many times",
    "(?:second|third|fourth|fifth) time",
    "again and again",
    "over and over",
)
REPEAT_CONTACT = _phrases(
    "call(?:ed|ing)? (?:back|before|again|yesterday|last week)",
    "(?:been|still|kept) (?:waiting|on hold)",
    "on hold",
    "contacted you (?:before|already|again)",
)
# Either side mentions handing the contact to someone else.
TRANSFER = _phrases(
    "transfer(?:ring|red)? (?:you|me|the call|your call)",
    "(?:be|been|being|get|got|getting|was|were) transferred",
    "put (?:you|me) through to",
    "escalat(?:e|ed|ing|ion)",
    "(?:another|different|other) (?:department|team)",
    "supervisor",
    "(?:a|your|the) manager",
)
# Agent cannot do what was asked.
UNABLE = _phrases(
    "unable to",
    "(?:not|n't) able to",
    "couldn't",
    "could not",
    "can't",
    "cannot",
    "unavailable",
    "not available",
    "unfortunately",
)
EMPATHY = _phrases(
    "sorry",
    "apologi[sz]e",
    "apologies",
    "i understand",
    "i can see (?:how|why)",
    "frustrat(?:ing|ed|ion)",
    "i hear you",
)
OWNERSHIP = _phrases(
    "i(?:'ll| will) (?:make sure|take care|personally|follow up|fix|sort)",
    "i(?:'ve| have) (?:gone ahead|fixed|processed|issued|refunded|credited|reset|updated|sorted)",
    "let me (?:fix|sort|take care)",
)
DISMISSIVE = _phrases(
    "calm down",
    "not my (?:problem|job|fault)",
    "not our (?:problem|fault)",
    "nothing (?:i|we) can do",
    "you should have",
    "as i (?:already )?(?:said|told you)",
    "(?:it's|that's|that is|it is) (?:our|the) policy",
    "deal with it",
    "read the (?:manual|faq|terms)",
)

# Said of a transfer, makes it a repeated one ("transferred again", "passed around three times").
MORE_THAN_ONCE = _phrases(
    "again", "twice", "(?:two|three|four|several|many|multiple|\\d+) times", "keep", "kept", "back and forth"
)
