"""Human labels in their own table (hash conversation_id, range reviewer#labelled_at), every label kept."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from cx.adapters.dynamo.erase import delete_partitions
from cx.adapters.dynamo.workspace_keys import key, workspace_model
from cx.calibration.labels import Label
from cx.parallel import each


def build_label_model(table: str, region: str, host: str | None, namespace: str = "") -> type[Any]:
    meta = type("Meta", (), {"table_name": table, "region": region, "host": host})

    class ByDay(GlobalSecondaryIndex[Any]):
        """Labels by the UTC day they were given: the recent ones without a scan."""

        class Meta:
            index_name = "by_day"
            projection = AllProjection()

        labelled_day = key(namespace, hash_key=True)
        label_key = UnicodeAttribute(range_key=True)

    return workspace_model(
        "LabelItem",
        {
            "Meta": meta,
            "conversation_id": key(namespace, hash_key=True),
            "label_key": UnicodeAttribute(range_key=True),
            "reviewer": UnicodeAttribute(),
            "score": NumberAttribute(),
            "labelled_at": UnicodeAttribute(null=True),
            "labelled_day": key(namespace, null=True),  # the by_day index's key; none without a time
            "body": UnicodeAttribute(),
            "by_day": ByDay(),
        },
        namespace,
    )


def _utc_day(moment: datetime) -> str:
    return moment.astimezone(UTC).date().isoformat()


class DynamoLabelStore:
    def __init__(self, model: type[Any]) -> None:
        self._model = model

    def put_labels(self, labels: Iterable[Label]) -> int:
        count = 0
        with self._model.batch_write() as batch:
            for label in labels:
                batch.save(
                    self._model(
                        label.conversation_id,
                        label.key,
                        reviewer=label.reviewer,
                        score=label.score,
                        labelled_at=label.labelled_at.isoformat() if label.labelled_at else None,
                        labelled_day=label.labelled_at.astimezone(UTC).date().isoformat()
                        if label.labelled_at
                        else None,
                        body=label.model_dump_json(exclude_none=True),
                    )
                )
                count += 1
        return count

    def labels_for(self, conversation_id: str) -> list[Label]:
        return [Label.model_validate_json(item.body) for item in self._model.query(conversation_id)]

    def delete_labels_of(self, conversation_ids: Iterable[str]) -> int:
        return delete_partitions(self._model, conversation_ids, ["conversation_id", "label_key"])

    def scan_labels(self) -> Iterator[Label]:
        for item in self._model.scan():
            yield Label.model_validate_json(item.body)

    def labels_since(self, cutoff: datetime, now: datetime) -> list[Label]:
        first, last = cutoff.astimezone(UTC).date(), now.astimezone(UTC).date()
        days = [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]
        found = [item for items in each(lambda d: list(self._model.by_day.query(d)), days) for item in items]
        labels = [Label.model_validate_json(item.body) for item in found]
        return [label for label in labels if label.labelled_at and label.labelled_at >= cutoff]
