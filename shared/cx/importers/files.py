"""Load a file by its extension, keep rejects in a JSONL file, and re-drive them once fixed."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cx.domain.conversation import Conversation
from cx.importers.csv_messages import assemble, read_csv_messages
from cx.importers.csv_rows import Row
from cx.importers.jsonl import parse_line, read_jsonl, read_objects
from cx.importers.result import ImportFileError, ImportResult, Problem, Reject
from cx.importers.validate import duplicate, validate

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json-lines")


def load(path: Path) -> ImportResult:
    suffix = path.suffix.lower()
    if suffix not in (*JSONL_SUFFIXES, ".csv"):
        raise ImportFileError(
            f"{path}: cannot import {suffix or 'a file without an extension'}; use .jsonl, .ndjson or "
            ".json-lines (one conversation a line) or .csv (one message a row)"
        )
    if not path.is_file():
        raise ImportFileError(f"{path}: no such file")
    return read_csv_messages(path) if suffix == ".csv" else read_jsonl(path)


def write_rejects(rejects: Iterable[Reject], path: Path) -> int:
    """Append one JSON object per reject not already in the file; returns how many were appended.

    Loading the same file again gives the same rejects: they are kept once. A torn last line from an
    earlier crash is left on its own.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        handle.seek(0)
        kept = {line.rstrip(b"\r\n") for line in handle}
        lines = dict.fromkeys(reject.model_dump_json().encode() for reject in rejects)
        new = [line for line in lines if line not in kept]
        if not new:
            return 0
        payload = b"".join(line + b"\n" for line in new)
        size = handle.seek(0, os.SEEK_END)
        if size:
            handle.seek(size - 1)
            if handle.read(1) != b"\n":
                payload = b"\n" + payload
        handle.write(payload)  # one append-mode write: never interleaves with another writer's line
        handle.flush()
        os.fsync(handle.fileno())
    return len(new)


def redrive(rejects_path: Path) -> ImportResult:
    """Validate again the ``record`` of each line of a rejects file, as a user fixed it in place.

    Rejects from here point at lines of the rejects file; write them to a new file to go round again.
    """
    source = str(rejects_path)
    result = ImportResult()
    seen: dict[str, int] = {}
    for line, entry in read_objects(rejects_path):
        record = _record(entry, source=source, line=line)
        if isinstance(record, Reject):
            result.add(record)
            continue
        result.add(_revalidate(record, source=source, line=line, seen=seen))
    return result


def _record(entry: dict[str, Any] | Reject, *, source: str, line: int) -> dict[str, Any] | Reject:
    if isinstance(entry, Reject):
        return entry
    record = entry.get("record")
    if isinstance(record, str):  # a line that was not valid JSON, perhaps fixed since
        parsed = parse_line(record.encode(), source=source, line=line)
        return parsed if parsed is not None else _no_record(source, line, entry)
    return record if isinstance(record, dict) else _no_record(source, line, entry)


def _revalidate(record: dict[str, Any], *, source: str, line: int, seen: dict[str, int]) -> Conversation | Reject:
    rows = record.get("rows")
    if isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows):
        outcome = assemble([Row.from_record(r, line) for r in rows], source=source)
        key = {"id": outcome.id} if isinstance(outcome, Conversation) else {}
        return duplicate(key, seen=seen, source=source, line=line, record=record) or outcome
    return duplicate(record, seen=seen, source=source, line=line, record=record) or validate(
        record, source=source, line=line, record=record
    )


def _no_record(source: str, line: int, entry: dict[str, Any]) -> Reject:
    problem = Problem("record", "is missing or empty; put the conversation to load under record")
    return Reject.from_problems([problem], source=source, line=line, record_id=None, record=entry)
