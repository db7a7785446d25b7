"""Labels from a file: JSONL (label objects, or labelled conversations as in ../shared/data) or CSV (one label a row).

A label record: ``conversation_id``, ``reviewer``, ``score`` (1-5), optional ``reason`` and ``labelled_at``.
A labelled conversation carries its annotators' ratings in ``labels.overall``; it is kept too, so it can be
scored on the fly. Bad records are rejected with their line, the field at fault and what to fix.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cx.calibration.labels import Label, labels_in
from cx.domain.conversation import Conversation
from cx.importers.jsonl import read_objects
from cx.importers.result import ImportFileError, Reject
from cx.importers.validate import validate
from cx.importers.wording import problems_from

CSV_REQUIRED = ("conversation_id", "reviewer", "score")


@dataclass
class LabelImport:
    labels: list[Label] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)  # labelled conversations, to score on the fly
    rejects: list[Reject] = field(default_factory=list)

    def keep(self, item: Label | Reject) -> None:
        if isinstance(item, Reject):
            self.rejects.append(item)
        else:
            self.labels.append(item)

    def summary(self) -> str:
        reviewed = len({label.conversation_id for label in self.labels})
        return f"{len(self.labels)} labels on {reviewed} conversations loaded, {len(self.rejects)} rejected"


def load_labels(path: Path) -> LabelImport:
    if not path.is_file():
        raise ImportFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json-lines"):
        return _jsonl(path)
    if suffix == ".csv":
        return _csv(path)
    raise ImportFileError(f"{path}: labels load from .jsonl (one label or labelled conversation a line) or .csv")


def _label(data: dict[str, Any], *, source: str, line: int, record: dict[str, Any] | str) -> Label | Reject:
    try:
        return Label.model_validate(data)
    except ValidationError as error:
        rid = data.get("conversation_id")
        return Reject.from_problems(
            problems_from(error),
            source=source,
            line=line,
            record_id=rid if isinstance(rid, str) else None,
            record=record,
        )


def _jsonl(path: Path) -> LabelImport:
    result, source = LabelImport(), str(path)
    for line, parsed in read_objects(path):
        if isinstance(parsed, Reject):
            result.rejects.append(parsed)
        elif "messages" in parsed:
            conversation = validate(parsed, source=source, line=line, record=parsed)
            if isinstance(conversation, Reject):
                result.rejects.append(conversation)
            else:
                result.conversations.append(conversation)
                result.labels.extend(labels_in(conversation))
        else:
            label = _label(parsed, source=source, line=line, record=parsed)
            result.keep(label)
    return result


def _csv(path: Path) -> LabelImport:
    result, source = LabelImport(), str(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ImportFileError(f"{path}: the header needs the columns {', '.join(missing)} (one label a row)")
        for row in reader:
            data = {k: v.strip() for k, v in row.items() if k and v is not None and v.strip()}
            label = _label(data, source=source, line=reader.line_num, record=dict(row))
            result.keep(label)
    return result
