"""Model usage and cost summed per day, from the usage each evaluation keeps."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, tzinfo

from cx.domain.evaluation import Evaluation, Usage

from .pricing import add


def daily_usage(evaluations: Iterable[Evaluation], tz: tzinfo) -> dict[date, Usage]:
    """Tokens and dollars per day the evaluations were made (in the workspace time zone)."""
    days: dict[date, Usage] = {}
    for e in evaluations:
        if e.usage is not None:
            day = e.evaluated_at.astimezone(tz).date()
            days[day] = add(days.get(day), e.usage)
    return dict(sorted(days.items()))
