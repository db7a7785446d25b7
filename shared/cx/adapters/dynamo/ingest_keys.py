"""``cx.ingest_keys.IngestKeyStore`` in the installations table: ``ingestkeys#<workspace>`` / ``<key id>``.

Each item holds a key's record as JSON: its workspace, id, SHA-256, when and by whom it was issued; never the key.
The ingest function may read only these items and the installed-workspaces list (template.yaml's LeadingKeys
condition), not the bot tokens beside them.
"""

from __future__ import annotations

from typing import Any

from cx.ingest_keys import IngestKeyStore, KeyRecord

KEYS_PK = "ingestkeys#"


def keys_pk(workspace: str) -> str:
    return f"{KEYS_PK}{workspace}"


class DynamoIngestKeys(IngestKeyStore):
    def __init__(self, model: type[Any]) -> None:
        self._model = model  # build_installation_model's

    def put(self, record: KeyRecord) -> None:
        self._model(keys_pk(record.workspace), record.key_id, body=record.model_dump_json()).save()

    def get(self, workspace: str, key_id: str) -> KeyRecord | None:
        try:
            item = self._model.get(keys_pk(workspace), key_id, consistent_read=True)
        except self._model.DoesNotExist:
            return None
        return KeyRecord.model_validate_json(item.body)

    def of(self, workspace: str) -> list[KeyRecord]:
        items = self._model.query(keys_pk(workspace), consistent_read=True)
        return sorted((KeyRecord.model_validate_json(i.body) for i in items), key=lambda r: r.created_at)

    def delete(self, workspace: str, key_id: str) -> bool:
        if self.get(workspace, key_id) is None:
            return False
        self._model(keys_pk(workspace), key_id).delete()
        return True

    def delete_all(self, workspace: str) -> int:
        found = list(self._model.query(keys_pk(workspace), consistent_read=True))
        for item in found:
            item.delete()
        return len(found)
