"""Items written by the bulk path's raw requests are what PynamoDB would have written for the same values."""

from __future__ import annotations

from typing import Any

import pytest

from cx.adapters.dynamo.models import DynamoSettings, build_models
from cx.adapters.dynamo.parallel_batches import raw_item


@pytest.mark.parametrize("workspace", ["", "T0WORKSPACE"])
def test_raw_items_equal_pynamodb_serialization(workspace: str) -> None:
    models = build_models(DynamoSettings("c", "e", "a", workspace=workspace))
    samples: list[tuple[type[Any], dict[str, Any]]] = [
        (models.aggregate, {"pk": "journey=billing", "sk": "2026-11-30", "evaluations": 3, "score_sum": 0.1 + 0.2}),
        (models.aggregate, {"pk": "case=K1", "sk": "case", "cases": 1.0, "version": 7, "contacts": '{"c1": {}}'}),
        (
            models.aggregate,
            {"pk": "journey=j", "sk": "d", "hist_1": 12345678901234567, "score_sum": 1e-7},
        ),
        (models.ledger, {"pk": "conv=c1", "sk": "applied", "fingerprint": "f", "body": '{"a": 1}', "lane": 3}),
    ]
    for model, values in samples:
        assert raw_item(model, values) == model(**values).serialize(), values
    if workspace:  # the namespace is still added to hash keys
        assert raw_item(models.aggregate, {"pk": "journey=j", "sk": "d"})["pk"] == {"S": "ws=T0WORKSPACE|journey=j"}
