"""How reports name the evaluations they leave out of every average: "3 not scored: language"."""

from __future__ import annotations


def not_scored_line(language: int) -> str:
    """Empty when every evaluation has a score."""
    return f"{language} not scored: language" if language else ""
