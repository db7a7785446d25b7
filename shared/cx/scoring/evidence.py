"""Verbatim quotes for reasons: the sentence or clause of a message that shows a finding."""

from __future__ import annotations

import re

MAX_QUOTE = 200
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
_CLAUSE = re.compile(r"[^,;:]+[,;:]?")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, without surrounding whitespace."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = _strip(text, match.start(), match.end())
        if end > start:
            spans.append((start, end))
    return spans or [_strip(text, 0, len(text))]


def quote_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, narrowed to its clause when the sentence is long."""
    for s_start, s_end in sentence_spans(text):
        if s_start <= start < s_end:
            if s_end - s_start <= MAX_QUOTE:
                return text[s_start:s_end]
            for clause in _CLAUSE.finditer(text, s_start, s_end):
                if clause.start() <= start < clause.end():
                    c_start, c_end = _strip(text, clause.start(), clause.end())
                    return _clip(text, min(c_start, start), max(c_end, min(end, s_end)))
            return _clip(text, start, end)
    return _clip(text, start, end)


def opening(text: str) -> str:
    """The first sentence of ``text``, clipped: evidence when the whole message is the finding."""
    start, end = sentence_spans(text)[0]
    return _clip(text, start, end)


def whole(text: str) -> str:
    """The message itself, clipped to MAX_QUOTE characters."""
    return _clip(text, 0, len(text))


def _clip(text: str, start: int, end: int) -> str:
    """``text[start:end]`` cut back to at most MAX_QUOTE characters, ending on a word where possible."""
    if end - start > MAX_QUOTE:
        cut = text.rfind(" ", start, start + MAX_QUOTE)
        end = cut if cut > start + MAX_QUOTE // 2 else start + MAX_QUOTE
    start, end = _strip(text, start, end)
    return text[start:end] if end > start else text.strip()[:MAX_QUOTE]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
