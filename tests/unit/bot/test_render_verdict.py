"""Verdict marks on `/cx journeys` and `/cx journey`: a real change, a swing within noise and too few evaluations
are told apart by the same interval code `/cx why` uses."""

from __future__ import annotations

from datetime import date

from cx.ranges import DateRange
from cx.reports.figures import Figures
from cx.reports.journeys import JourneyRow, JourneysReport
from cx.reports.slices import EVERYTHING
from cxbot.navigation import View
from cxbot.render.journeys import journeys_blocks, table_lines


def figures(histogram: list[int]) -> Figures:
    counts = {f"hist_{k + 1}": float(h) for k, h in enumerate(histogram)}
    n = sum(histogram)
    counts |= {
        "evaluations": float(n),
        "cases": float(n),
        "score_sum": float(sum((k + 1) * h for k, h in enumerate(histogram))),
    }
    return Figures.of(counts)


def report(rows: list[JourneyRow]) -> JourneysReport:
    return JourneysReport(DateRange(date(2026, 11, 9), date(2026, 11, 15), "last-week"), rows, [], 4, EVERYTHING)


def test_a_real_drop_a_swing_within_noise_and_ten_evaluations_are_marked_apart() -> None:
    rows = [
        JourneyRow("billing", figures([30, 20, 20, 15, 15]), figures([5, 5, 20, 35, 35])),  # 100 each: -1.25
        JourneyRow("delivery", figures([6, 6, 20, 34, 34]), figures([5, 5, 20, 35, 35])),  # -0.1 on 100
        JourneyRow("returns", figures([3, 3, 2, 1, 1]), figures([0, 1, 2, 3, 4])),  # 10 evaluations: -1.4
    ]

    lines = {line.split()[0]: line for line in table_lines(report(rows))[1:]}

    assert lines["billing"].split()[6] == "real"
    assert lines["delivery"].split()[6] == "noise"
    assert lines["returns"].split()[6] == "few"
    legend = [b.to_dict() for b in journeys_blocks(report(rows), View("journeys"))]
    assert any("*few*: under 30 evaluations" in str(b) for b in legend)
