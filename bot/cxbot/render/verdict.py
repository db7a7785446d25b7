"""The verdict mark of a change between two periods, from the interval code `/cx why` uses (Welch's interval
on the average CX score, `cx.explain.significance.assess`)."""

from __future__ import annotations

from cx.explain.significance import MIN_EVALUATIONS, REAL_DROP, REAL_RISE, TOO_FEW, assess
from cx.reports.figures import Figures

SHORT = {REAL_DROP: "real", REAL_RISE: "real", TOO_FEW: "few"}
LEGEND = (
    f"*real*: the change in average CX is beyond noise (its 95% interval excludes no change); *noise*: within "
    f"noise; *few*: under {MIN_EVALUATIONS} evaluations in a period, too few to tell."
)


def verdict(previous: Figures, current: Figures, pass_threshold: int) -> str:
    return assess(previous, current, pass_threshold).verdict


def mark(previous: Figures, current: Figures, pass_threshold: int) -> str:
    """``real``, ``noise`` or ``few``: fits a table column."""
    return SHORT.get(verdict(previous, current, pass_threshold), "noise")
