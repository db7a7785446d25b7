"""Coaching plans in the coaching table: pk ``plan`` / sk the plan id (body, version), and claims
(pk ``claim#<plan id>`` / sk e.g. ``dm#2026-11-18``) written only if absent: the daily run's exactly-once guard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import PutError

from cx.adapters.dynamo.workspace_keys import key, workspace_model
from cx.coaching.plan import CoachingPlan
from cx.ports import ConflictError

PLAN_PK = "plan"
ATTEMPTS = 5


def build_plan_model(table: str, region: str, host: str | None, namespace: str = "") -> type[Any]:
    meta = type("Meta", (), {"table_name": table, "region": region, "host": host})
    attributes = {
        "Meta": meta,
        "pk": key(namespace, hash_key=True),
        "sk": UnicodeAttribute(range_key=True),
        "body": UnicodeAttribute(null=True),
        "version": NumberAttribute(null=True),
    }
    return workspace_model("CoachingItem", attributes, namespace)


def _conflict(exc: PutError) -> bool:
    return exc.cause_response_code == "ConditionalCheckFailedException"


class DynamoPlanStore:
    def __init__(self, model: type[Any]) -> None:
        self._m = model

    def add(self, plan: CoachingPlan) -> None:
        try:
            self._m(PLAN_PK, plan.id, body=plan.model_dump_json(), version=plan.version).save(
                condition=self._m.pk.does_not_exist()
            )
        except PutError as exc:
            if _conflict(exc):
                raise ConflictError(f"a plan {plan.id} exists already") from exc
            raise

    def get(self, plan_id: str) -> CoachingPlan | None:
        found = list(self._m.batch_get([(PLAN_PK, plan_id)]))
        return CoachingPlan.model_validate_json(found[0].body) if found else None

    def all_plans(self) -> list[CoachingPlan]:
        return [CoachingPlan.model_validate_json(item.body) for item in self._m.query(PLAN_PK)]

    def update(self, plan_id: str, change: Callable[[CoachingPlan], CoachingPlan]) -> CoachingPlan:
        for _ in range(ATTEMPTS):
            plan = self.get(plan_id)
            if plan is None:
                raise LookupError(f"I can't find the coaching plan `{plan_id}`.")
            new = change(plan).model_copy(update={"version": plan.version + 1})
            try:
                self._m(PLAN_PK, plan_id, body=new.model_dump_json(), version=new.version).save(
                    condition=self._m.version == plan.version
                )
                return new
            except PutError as exc:
                if not _conflict(exc):
                    raise
        raise ConflictError(f"plan {plan_id} kept changing; try again")

    def claim(self, plan_id: str, what: str) -> bool:
        try:
            self._m(f"claim#{plan_id}", what).save(condition=self._m.pk.does_not_exist())
        except PutError as exc:
            if _conflict(exc):
                return False
            raise
        return True

    def release(self, plan_id: str, what: str) -> None:
        self._m(f"claim#{plan_id}", what).delete()
