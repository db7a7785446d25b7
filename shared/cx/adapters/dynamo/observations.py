"""Evaluated conversations as drift observations, read day by day from the conversations table's by_day index
(each item holds its latest evaluation; the index projects only what an observation needs)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from cx.adapters.dynamo.models import Models
from cx.aggregation.contribution import scorer_label
from cx.calibration.drift import Observation
from cx.domain.evaluation import Evaluation
from cx.parallel import each


def utc_days(start: date, end: date) -> list[str]:
    """The UTC days that hold local days ``start`` .. ``end`` in any time zone (UTC-12 to UTC+14)."""
    first, last = start - timedelta(days=1), end + timedelta(days=1)
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


class DynamoObservations:
    def __init__(self, models: Models, tz: tzinfo) -> None:
        self._model, self._tz = models.conversation, tz

    def between(self, start: date, end: date) -> Iterator[Observation]:
        for items in each(self._day, utc_days(start, end)):
            for item in items:
                if (observation := self._observation(item)) is not None and start <= observation.day <= end:
                    yield observation

    def _day(self, day: str) -> list[Any]:
        return list(self._model.by_day.query(day))

    def _observation(self, item: Any) -> Observation | None:
        if not item.evaluation:
            return None
        evaluation = Evaluation.model_validate_json(item.evaluation)
        if evaluation.unscored:  # no score: never in a drift histogram
            return None
        when = datetime.fromisoformat(item.started_at) if item.started_at else evaluation.evaluated_at
        day = when.astimezone(self._tz).date()
        return Observation(day, item.channel, item.journey, evaluation.cx_score, scorer_label(evaluation.scorer))
