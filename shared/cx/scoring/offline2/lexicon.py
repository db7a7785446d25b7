"""VADER, called once per customer message (``cx.scoring.vader``: VADER's number, computed faster), and the
lexicon valences that choose quotes."""

from __future__ import annotations

import string

from cx.scoring.vader import compound, lexicon

__all__ = ["compound", "valence"]

_STRIP = string.punctuation


def valence(text: str) -> float:
    """The sum of the VADER lexicon valences of the words of ``text``: a cheap measure to choose quotes by."""
    words = lexicon()
    return sum(words.get(token.strip(_STRIP), 0.0) for token in text.lower().split())
