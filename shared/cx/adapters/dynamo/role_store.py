"""The roles configuration: one item (pk ``config``, sk ``roles``) in the aggregates table."""

from __future__ import annotations

from cx.access import Roles
from cx.adapters.dynamo.models import Models

CONFIG_PK, ROLES_SK = "config", "roles"


class DynamoRoleStore:
    def __init__(self, models: Models) -> None:
        self._model = models.config

    def get_roles(self) -> Roles | None:
        found = list(self._model.batch_get([(CONFIG_PK, ROLES_SK)]))
        return Roles.model_validate_json(found[0].body) if found else None

    def put_roles(self, roles: Roles) -> None:
        self._model(CONFIG_PK, ROLES_SK, body=roles.model_dump_json()).save()
