"""Views as CSV: every metric the view shows, to 4 decimal places (no float noise like 3.6666666666666665),
one table per file."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from cx.domain.conversation import CaseOutcome
from cx.reports.case import CaseView
from cx.reports.cases import CaseRow
from cx.reports.figures import Figures
from cx.reports.journey import JourneyReport
from cx.reports.journeys import JourneysReport

OUTCOMES = [o.value for o in CaseOutcome]
DECIMALS = 4
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell starting so as a formula
UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def cell(value: object) -> object:
    """The one guard for every CSV cell: text a spreadsheet would run as a formula gets a leading ``'``.

    Numbers stay numbers (a negative change is not text); only text from data or users is guarded.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return round(value, DECIMALS) if isinstance(value, float) else value


def file_part(text: str) -> str:
    """A piece of a file name from data (a journey, a case id): letters, digits, ``.``, ``_`` and ``-`` only."""
    return re.sub(r"-{2,}", "-", UNSAFE_IN_NAME.sub("-", text)).strip(".-")[:80] or "x"


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return out.getvalue()


def _figures(f: Figures, threshold: int) -> list[object]:
    return [f.cases, f.evaluations, f.avg_score, f.pass_rate(threshold), *(f.outcomes[o] for o in OUTCOMES)]


FIGURE_COLUMNS = ["cases", "evaluations", "avg_cx", "pass_rate", *(f"outcome_{o}" for o in OUTCOMES)]


def journeys_csv(report: JourneysReport, include_empty: bool) -> str:
    t = report.pass_threshold
    header = ["journey", "start", "end", *FIGURE_COLUMNS, *(f"previous_{c}" for c in FIGURE_COLUMNS)]
    header += ["avg_cx_change", "pass_rate_change"]
    rows = [
        [
            r.journey,
            report.period.start,
            report.period.end,
            *_figures(r.current, t),
            *_figures(r.previous, t),
            r.score_change(),
            r.pass_rate_change(t),
        ]
        for r in report.rows
    ]
    if include_empty:
        nothing = Figures.of({})
        rows += [[j, report.period.start, report.period.end, *_figures(nothing, t)] for j in report.empty]
    return table(header, rows)


def journey_days_csv(report: JourneyReport, days: dict[date, Figures]) -> str:
    t = report.pass_threshold
    header = ["journey", "day", *FIGURE_COLUMNS]
    return table(header, ([report.journey, d, *_figures(f, t)] for d, f in sorted(days.items())))


def journey_cases_csv(journey: str, rows: list[CaseRow], threshold: int) -> str:
    header = ["journey", "case_id", "day", "evaluations", "avg_cx", "pass_rate", "outcome"]
    return table(
        header,
        (
            [
                journey,
                r.case_id,
                r.day,
                r.figures.evaluations,
                r.figures.avg_score,
                r.figures.pass_rate(threshold),
                r.outcome,
            ]
            for r in rows
        ),
    )


def case_csv(case: CaseView, names: Mapping[str, str] | None = None) -> str:
    """``names``: agent id -> name, for contacts whose data carries no agent name."""
    names = names or {}
    header = ["case_id", "conversation_id", "started_at", "channel", "journey", "agent", "agent_id", "team"]
    header += ["case_outcome"]
    header += ["cx_score", "published", "resolution", "sentiment", "effort", "service_quality", "reasons"]
    rows = []
    for c, e in case.contacts:
        scores: list[object] = [None] * 7
        if e is not None:
            s = e.sub_scores
            reasons = "; ".join(f"{r.direction.value} {r.factor}: {r.summary}" for r in e.reasons)
            scores = [e.cx_score, e.published, s.resolution.value, s.sentiment, s.effort, s.service_quality, reasons]
        outcome = c.case_outcome.value if c.case_outcome else None
        rows.append(
            [
                case.case_id,
                c.id,
                c.when.isoformat() if c.when else None,
                c.channel.value,
                c.journey,
                c.agent_name or names.get(c.agent_id or ""),
                c.agent_id,
                c.team,
                outcome,
                *scores,
            ]
        )
    return table(header, rows)
