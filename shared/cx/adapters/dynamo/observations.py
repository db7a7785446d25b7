"""Evaluated conversations as drift observations, read from the conversations table (each item holds its latest
evaluation). A weekly scan; at large volume a by-day index would replace it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, tzinfo

from cx.adapters.dynamo.models import Models
from cx.aggregation.contribution import scorer_label
from cx.calibration.drift import Observation
from cx.domain.evaluation import Evaluation


class DynamoObservations:
    def __init__(self, models: Models, tz: tzinfo) -> None:
        self._model, self._tz = models.conversation, tz

    def since(self, start: date) -> Iterator[Observation]:
        fields = ["channel", "journey", "started_at", "evaluation"]
        for item in self._model.scan(attributes_to_get=fields):
            if not item.evaluation:
                continue
            evaluation = Evaluation.model_validate_json(item.evaluation)
            if evaluation.unscored:  # no score: never in a drift histogram
                continue
            when = datetime.fromisoformat(item.started_at) if item.started_at else evaluation.evaluated_at
            day = when.astimezone(self._tz).date()
            if day >= start:
                yield Observation(day, item.channel, item.journey, evaluation.cx_score, scorer_label(evaluation.scorer))
