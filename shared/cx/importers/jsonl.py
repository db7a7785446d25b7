"""JSON Lines: one conversation object a line, the shared labelled-data format and the product's own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cx.domain.limits import MAX_JSON_DEPTH, json_depth
from cx.importers.result import ImportResult, Problem, Reject
from cx.importers.validate import duplicate, validate


def read_jsonl(path: Path) -> ImportResult:
    source = str(path)
    result = ImportResult()
    seen: dict[str, int] = {}
    for line, parsed in read_objects(path):
        if isinstance(parsed, Reject):
            result.add(parsed)
            continue
        dup = duplicate(parsed, seen=seen, source=source, line=line, record=parsed)
        result.add(dup or validate(parsed, source=source, line=line, record=parsed))
    return result


def read_objects(path: Path) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
    """Each non-blank line as (line number, JSON object), or as a reject when it is not one."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            parsed = parse_line(raw, source=str(path), line=number)
            if parsed is not None:
                yield number, parsed


def parse_line(raw: bytes, *, source: str, line: int) -> dict[str, Any] | Reject | None:
    """None for a blank line."""
    try:
        text = raw.decode("utf-8-sig" if line == 1 else "utf-8").rstrip("\r\n")
    except UnicodeDecodeError as error:
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        message = f"not UTF-8 text (bad byte at column {error.start + 1}); save the file as UTF-8"
        return _reject(message, source, line, text)
    if not text.strip():
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return _reject(
            f"not valid JSON: {error.msg} at column {error.colno}; fix the syntax of this line",
            source,
            line,
            text,
        )
    except RecursionError:
        return _reject(too_deep("hundreds of"), source, line, text)
    depth = json_depth(value)
    if depth > MAX_JSON_DEPTH:
        return _reject(too_deep(str(depth)), source, line, text)
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else text.strip()[:40]
        return _reject(f"must be one JSON object {{...}} per line, got {kind}", source, line, text)
    return value


def too_deep(levels: str) -> str:
    return f"JSON nested {levels} levels deep, more than the {MAX_JSON_DEPTH} a conversation can have; flatten it"


def _reject(message: str, source: str, line: int, text: str) -> Reject:
    return Reject.from_problems([Problem(None, message)], source=source, line=line, record_id=None, record=text)
