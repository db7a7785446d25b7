"""Reading a messages CSV into rows that remember their line numbers; header problems fail the file."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cx.importers.result import ImportFileError

REQUIRED = ("conversation_id", "role", "text")
EXTRA_CELLS = "extra_cells"  # key holding cells beyond the header's columns in a row's record


@dataclass(frozen=True)
class Row:
    line: int  # where the row starts (a quoted cell can span lines)
    cells: dict[str, str]
    extra: list[str] = field(default_factory=list)

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def as_record(self) -> dict[str, Any]:
        record: dict[str, Any] = dict(self.cells)
        if self.extra:
            record[EXTRA_CELLS] = list(self.extra)
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any], line: int) -> Row:
        """A row from a rejects file, as a user may have edited it."""
        extra = record.get(EXTRA_CELLS) or []
        cells = {str(k): "" if v is None else str(v) for k, v in record.items() if k != EXTRA_CELLS}
        return cls(line=line, cells=cells, extra=[str(c) for c in extra] if isinstance(extra, list) else [])


def read_rows(path: Path) -> list[Row]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(_rows(csv.reader(handle), path))
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path}: not UTF-8 text ({error.reason}); save the CSV as UTF-8") from error


def _rows(reader: Any, path: Path) -> Iterator[Row]:
    columns = _header(reader, path)
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportFileError(f"{path}: line {start}: unreadable CSV ({error})") from error
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        padded = cells + [""] * (len(columns) - len(cells))
        yield Row(line=line, cells=dict(zip(columns, padded, strict=False)), extra=cells[len(columns) :])


def _header(reader: Any, path: Path) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(
            f"{path}: the file is empty; the first line must be a header naming {', '.join(REQUIRED)}"
        ) from None
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportFileError(
            f"{path}: missing required column(s): {', '.join(missing)}. "
            f"Columns found: {', '.join(c for c in columns if c) or 'none'}. "
            f"The header line needs {', '.join(REQUIRED)}."
        )
    repeated = sorted({name for name in columns if name and columns.count(name) > 1})
    if repeated:
        raise ImportFileError(f"{path}: column(s) named twice in the header: {', '.join(repeated)}")
    return columns
