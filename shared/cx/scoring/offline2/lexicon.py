"""VADER, called once per customer message, and only where its lexicon can find something.

A text with no token in VADER's lexicon (and no emoji) has compound 0 by VADER's own rules, so it is not
sent to VADER at all; that is most turns of task talk ("In which city?").
"""

from __future__ import annotations

import string
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_STRIP = string.punctuation


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    return dict(analyzer().lexicon)


def compound(text: str) -> float:
    """VADER's compound in [-1, 1], skipping the call when no token can carry sentiment."""
    if text.isascii():
        words = _lexicon()
        if not any(token in words or token.strip(_STRIP) in words for token in text.lower().split()):
            return 0.0
    return float(analyzer().polarity_scores(text)["compound"])


def valence(text: str) -> float:
    """The sum of the VADER lexicon valences of the words of ``text``: a cheap measure to choose quotes by."""
    words = _lexicon()
    return sum(words.get(token.strip(_STRIP), 0.0) for token in text.lower().split())
