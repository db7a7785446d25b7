"""Why did the CX score move, and is it real: significance, decomposition, reasons, scorer changes."""

from cx.explain.explanation import AgreementNote, Explanation, explain
from cx.explain.reading import ALL, read_window
from cx.explain.wording import headline

__all__ = ["ALL", "AgreementNote", "Explanation", "explain", "headline", "read_window"]
