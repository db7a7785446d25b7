"""The workspace configuration in the config table: pk ``workspace``, sk ``current`` and ``change#<when>#<n>``."""

from __future__ import annotations

from typing import Any

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from cx.workspace.config import Change, WorkspaceConfig
from cx.workspace.store import ConfigConflict

WORKSPACE_PK, CURRENT_SK = "workspace", "current"


class DynamoWorkspaceStore:
    def __init__(self, model: type[Any], region: str, host: str | None) -> None:
        self._model = model
        self._connection = Connection(region=region, host=host)

    def current(self) -> WorkspaceConfig | None:
        found = list(self._model.query(WORKSPACE_PK, self._model.sk == CURRENT_SK, consistent_read=True))
        return WorkspaceConfig.model_validate_json(found[0].body) if found else None

    def history(self) -> list[Change]:
        items = self._model.query(WORKSPACE_PK, self._model.sk.startswith("change#"))
        return [Change.model_validate_json(item.body) for item in items]

    def record(self, changes: list[Change]) -> None:
        with self._model.batch_write() as batch:
            for n, change in enumerate(changes):
                batch.save(
                    self._model(
                        WORKSPACE_PK, f"change#{change.at.isoformat()}#roles#{n:02d}", body=change.model_dump_json()
                    )
                )

    def save(self, config: WorkspaceConfig, changes: list[Change], expected_version: int | None) -> None:
        model = self._model
        current = model(WORKSPACE_PK, CURRENT_SK, body=config.model_dump_json(), version=config.version)
        guard = model.pk.does_not_exist() if expected_version is None else model.version == expected_version
        try:
            with TransactWrite(connection=self._connection) as tx:
                tx.save(current, condition=guard)
                for n, change in enumerate(changes):
                    sk = f"change#{change.at.isoformat()}#{config.version:06d}#{n:02d}"
                    tx.save(model(WORKSPACE_PK, sk, body=change.model_dump_json()), condition=model.pk.does_not_exist())
        except TransactWriteError as error:
            raise ConfigConflict(str(error)) from error
