"""VADER sentiment of messages and sentences (VADER's own lexicon; no home-made word list).

VADER is built for short text (a tweet, a chat line) and its compound saturates on long passages: a
message up to ``_SHORT`` characters is scored whole, a longer one as the mean of its sentences, long
sentences cut into pieces of about ``_PIECE`` characters.
"""

from __future__ import annotations

from . import vader
from .evidence import sentence_spans

MODEL = "vader-3.3.2"
_SHORT = 500
_PIECE = 300
_MAX_PIECES = 40  # a very long message is read at its start and its end


def compound(text: str) -> float:
    """VADER compound in [-1, 1] of a message; 0 is neutral."""
    if len(text) <= _SHORT:
        return _vader(text)
    pieces = [piece for start, end in sentence_spans(text) for piece in _pieces(text[start:end])]
    if len(pieces) > _MAX_PIECES:
        pieces = pieces[: _MAX_PIECES // 2] + pieces[-_MAX_PIECES // 2 :]
    return sum(_vader(p) for p in pieces) / len(pieces)


def recency_mean(values: list[float], decay: float) -> float:
    """Mean where the last value weighs 1, the one before ``decay``, then ``decay``**2 and so on."""
    if not values:
        return 0.0
    weights = [decay ** (len(values) - 1 - i) for i in range(len(values))]
    return sum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights)


def to_scale(value: float) -> float:
    """Map a compound in [-1, 1] to the 1-5 scale, 3 being neutral."""
    return max(1.0, min(5.0, 3.0 + 2.0 * value))


def _vader(text: str) -> float:
    return vader.compound(text)


def _pieces(sentence: str) -> list[str]:
    pieces = []
    while len(sentence) > _PIECE:
        cut = sentence.rfind(" ", 0, _PIECE)
        cut = cut if cut > 0 else _PIECE
        pieces.append(sentence[:cut])
        sentence = sentence[cut:].lstrip()
    return [*pieces, sentence] if sentence else pieces
