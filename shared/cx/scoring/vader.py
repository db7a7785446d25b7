"""VADER's compound score, the same number as ``vaderSentiment`` 3.3.2 gives, computed faster.

``SentimentIntensityAnalyzer.polarity_scores`` rebuilds its text character by character to translate
emoji, and lowercases the whole sentence again for every lexicon word it meets (several times). Here a
text is split and lowercased once; a text none of whose tokens is in the lexicon has compound 0 by
VADER's own rules and costs one set look-up. Text that is not ASCII (where emoji may be) goes to VADER
itself. The rules below are VADER's (MIT licence, C.J. Hutto), in the same order; the unit test
``tests/unit/scoring/test_vader.py`` holds them to ``polarity_scores`` on thousands of texts.
"""

from __future__ import annotations

import math
import string
from functools import lru_cache

from vaderSentiment import vaderSentiment as _v

_PUNCTUATION = string.punctuation
_NEGATE = frozenset(_v.NEGATE)
_BOOSTERS: dict[str, float] = _v.BOOSTER_DICT
_SPECIAL_WORDS = {tuple(phrase.split()): value for phrase, value in _v.SPECIAL_CASES.items()}
_BOOSTER_WORDS = {tuple(phrase.split()): value for phrase, value in _BOOSTERS.items() if " " in phrase}
_IDIOM_WORDS = frozenset(word for phrases in (_SPECIAL_WORDS, _BOOSTER_WORDS) for phrase in phrases for word in phrase)


@lru_cache(maxsize=1)
def analyzer() -> _v.SentimentIntensityAnalyzer:
    return _v.SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, float], frozenset[str]]:
    lexicon = analyzer().lexicon
    return lexicon, frozenset(lexicon)


def lexicon() -> dict[str, float]:
    """VADER's word -> valence table."""
    return _lexicon()[0]


def compound(text: str) -> float:
    """``polarity_scores(text)["compound"]``, in [-1, 1]; 0 is neutral."""
    if not text.isascii():
        return float(analyzer().polarity_scores(text)["compound"])
    table, keys = _lexicon()
    # VADER's tokens: split on white space, punctuation stripped unless that leaves two characters or
    # fewer (an emoticon); lowercasing first changes neither (ASCII punctuation has no case)
    lower = [s if len(s := token.strip(_PUNCTUATION)) > 2 else token for token in text.lower().split()]
    if keys.isdisjoint(lower):
        return 0.0
    # only the case of a word is read from the text as written: stripping punctuation never changes it
    words = text.split()
    capped = _cap_differential(words)
    sentiments: list[float] = [0] * len(words)  # a booster or a word outside the lexicon adds 0
    last = len(words) - 1
    for i in [i for i, item in enumerate(lower) if item in keys]:
        item = lower[i]
        if item in _BOOSTERS or (i < last and item == "kind" and lower[i + 1] == "of"):
            continue
        sentiments[i] = _valence(table, words, lower, i, capped)
    if "but" in lower:
        _but(lower.index("but"), sentiments)
    return _score(sentiments, text)


def _cap_differential(words: list[str]) -> bool:
    capitals = sum(map(str.isupper, words))
    return 0 < len(words) - capitals < len(words)


def _scalar(word: str, lower: str, valence: float, capped: bool) -> float:
    """VADER's ``scalar_inc_dec``: how a booster or dampener before a word moves its valence."""
    scalar = _BOOSTERS.get(lower)
    if scalar is None:
        return 0.0
    if valence < 0:
        scalar *= -1
    if word.isupper() and capped:
        scalar = scalar + _v.C_INCR if valence > 0 else scalar - _v.C_INCR
    return scalar


def _negated(word: str) -> bool:
    return word in _NEGATE or "n't" in word


def _valence(table: dict[str, float], words: list[str], lower: list[str], i: int, capped: bool) -> float:
    item = lower[i]
    valence = table[item]
    if item == "no" and i != len(words) - 1 and lower[i + 1] in table:
        valence = 0.0
    if (
        (i > 0 and lower[i - 1] == "no")
        or (i > 1 and lower[i - 2] == "no")
        or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
    ):
        valence = table[item] * _v.N_SCALAR
    if words[i].isupper() and capped:
        valence = valence + _v.C_INCR if valence > 0 else valence - _v.C_INCR
    for start in range(3):
        before = i - (start + 1)
        if i > start and lower[before] not in table:
            s = _scalar(words[before], lower[before], valence, capped)
            if start == 1 and s != 0:
                s = s * 0.95
            if start == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation(valence, lower, start, i)
            if start == 2:
                valence = _idioms(valence, lower, i)
    if i > 1 and lower[i - 1] not in table and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * _v.N_SCALAR
    elif i > 0 and lower[i - 1] not in table and lower[i - 1] == "least":
        valence = valence * _v.N_SCALAR
    return valence


def _negation(valence: float, lw: list[str], start: int, i: int) -> float:
    if start == 0:
        if _negated(lw[i - 1]):
            valence = valence * _v.N_SCALAR
    elif start == 1:
        if lw[i - 2] == "never" and (lw[i - 1] == "so" or lw[i - 1] == "this"):
            valence = valence * 1.25
        elif lw[i - 2] == "without" and lw[i - 1] == "doubt":
            pass
        elif _negated(lw[i - 2]):
            valence = valence * _v.N_SCALAR
    else:
        never_so = lw[i - 3] == "never" and (lw[i - 2] == "so" or lw[i - 2] == "this")
        if never_so or (lw[i - 1] == "so" or lw[i - 1] == "this"):
            valence = valence * 1.25
        elif lw[i - 3] == "without" and (lw[i - 2] == "doubt" or lw[i - 1] == "doubt"):
            pass
        elif _negated(lw[i - 3]):
            valence = valence * _v.N_SCALAR
    return valence


def _idioms(valence: float, lw: list[str], i: int) -> float:
    """VADER's special-case idioms and two-word boosters around word ``i``. Tokens hold no spaces, so a
    sequence of words equals a phrase exactly when their tuples are equal."""
    if _IDIOM_WORDS.isdisjoint(lw[i - 3 : i + 3]):
        return valence  # every phrase is made of these words: none can match
    onezero = (lw[i - 1], lw[i])
    twoonezero = (lw[i - 2], lw[i - 1], lw[i])
    twoone = (lw[i - 2], lw[i - 1])
    threetwoone = (lw[i - 3], lw[i - 2], lw[i - 1])
    threetwo = (lw[i - 3], lw[i - 2])
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _SPECIAL_WORDS:
            valence = _SPECIAL_WORDS[seq]
            break
    if len(lw) - 1 > i:
        zeroone = (lw[i], lw[i + 1])
        if zeroone in _SPECIAL_WORDS:
            valence = _SPECIAL_WORDS[zeroone]
    if len(lw) - 1 > i + 1:
        zeroonetwo = (lw[i], lw[i + 1], lw[i + 2])
        if zeroonetwo in _SPECIAL_WORDS:
            valence = _SPECIAL_WORDS[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTER_WORDS:
            valence = valence + _BOOSTER_WORDS[n_gram]
    return valence


def _but(at: int, sentiments: list[float]) -> None:
    """VADER's "but" rule, as written there: each value is looked up by ``index`` (its first equal value)."""
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < at:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 0.5)
        elif si > at:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 1.5)


def _score(sentiments: list[float], text: str) -> float:
    total = float(sum(sentiments))
    if not sentiments:
        return 0.0
    exclamations = min(text.count("!"), 4) * 0.292
    questions = text.count("?")
    emphasis = exclamations + ((questions * 0.18 if questions <= 3 else 0.96) if questions > 1 else 0)
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    value = total / math.sqrt(total * total + 15)
    return round(max(-1.0, min(1.0, value)), 4)
