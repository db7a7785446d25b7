"""Operator settings that change at run time, with their history: the active scorer and every promotion."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from cx.calibration.promotion import Promotion

SCORER_PK = "scorer"


def build_config_model(table: str, region: str, host: str | None) -> type[Any]:
    meta = type("Meta", (), {"table_name": table, "region": region, "host": host})
    return type(
        "ConfigItem",
        (Model,),
        {
            "Meta": meta,
            "pk": UnicodeAttribute(hash_key=True),
            "sk": UnicodeAttribute(range_key=True),
            "body": UnicodeAttribute(),
            "version": NumberAttribute(null=True),  # the workspace configuration's, for optimistic locking
        },
    )


class DynamoPromotionStore:
    def __init__(self, model: type[Any]) -> None:
        self._model = model

    def active(self) -> Promotion | None:
        items = list(self._model.query(SCORER_PK, self._model.sk == "active"))
        return Promotion.model_validate_json(items[0].body) if items else None

    def record(self, promotion: Promotion) -> None:
        """The audit entry first, then the active pointer: a crash in between leaves the history complete."""
        body = promotion.model_dump_json(exclude_none=True)
        self._model(SCORER_PK, f"promotion#{promotion.at.isoformat()}", body=body).save()
        self._model(SCORER_PK, "active", body=body).save()

    def history(self) -> list[Promotion]:
        items = self._model.query(SCORER_PK, self._model.sk.startswith("promotion#"))
        return [Promotion.model_validate_json(item.body) for item in items]
