"""Operator settings that change at run time, with their history: the active scorer and every promotion."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from cx.adapters.dynamo.workspace_keys import key, workspace_model
from cx.calibration.promotion import Promotion
from cx.calibration.shadow import ShadowPlan
from cx.scoring.versions import ScorerVersion, VersionExists

SCORER_PK = "scorer"
VERSIONS_PK = "scorer-version"


@lru_cache(maxsize=64)
def build_config_model(table: str, region: str, host: str | None, namespace: str = "") -> type[Any]:
    """One model (and one botocore client, about a second to build on a busy machine) per table and workspace for
    the process: `/cx admin show` reads the scorer versions, promotions and shadow plans through it on every answer."""
    meta = type("Meta", (), {"table_name": table, "region": region, "host": host})
    return workspace_model(
        "ConfigItem",
        {
            "Meta": meta,
            "pk": key(namespace, hash_key=True),
            "sk": UnicodeAttribute(range_key=True),
            "body": UnicodeAttribute(),
            "version": NumberAttribute(null=True),  # the workspace configuration's, for optimistic locking
        },
        namespace,
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


class DynamoScorerVersionStore:
    """Every created scorer version, one item each under ``scorer-version``; never overwritten."""

    def __init__(self, model: type[Any]) -> None:
        self._model = model

    def get(self, name: str) -> ScorerVersion | None:
        items = list(self._model.query(VERSIONS_PK, self._model.sk == name))
        return ScorerVersion.model_validate_json(items[0].body) if items else None

    def all(self) -> list[ScorerVersion]:
        versions = [ScorerVersion.model_validate_json(i.body) for i in self._model.query(VERSIONS_PK)]
        return sorted(versions, key=lambda v: v.created_at)

    def create(self, version: ScorerVersion) -> None:
        from pynamodb.exceptions import PutError

        item = self._model(VERSIONS_PK, version.name, body=version.model_dump_json(exclude_none=True))
        try:
            item.save(condition=self._model.pk.does_not_exist())
        except PutError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                raise VersionExists(
                    f"a version `{version.name}` exists already; versions never change: create one with a new name"
                ) from None
            raise


class DynamoShadowPlanStore:
    """The candidate version shadowing the active one (`cx shadow start`), read by the score function."""

    def __init__(self, model: type[Any]) -> None:
        self._model = model

    def current(self) -> ShadowPlan | None:
        items = list(self._model.query(SCORER_PK, self._model.sk == "shadow"))
        return ShadowPlan.model_validate_json(items[0].body) if items else None

    def start(self, plan: ShadowPlan) -> None:
        self._model(SCORER_PK, "shadow", body=plan.model_dump_json(exclude_none=True)).save()

    def stop(self) -> None:
        self._model(SCORER_PK, "shadow", body="{}").delete()
