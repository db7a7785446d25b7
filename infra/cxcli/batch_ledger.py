"""The batches `cx backfill` created and has not collected yet, kept in .cx/backfill/batches.json.

Written before a batch is waited for, so that a run stopped while a batch is in flight (Ctrl-C, a killed
process, the API unreachable) collects that batch's results the next time instead of paying for it twice.
"""

from __future__ import annotations

import json
from pathlib import Path

from cx.scoring.claude.batches import BatchLedger


class FileLedger(BatchLedger):
    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, list[str]]:
        if not self.path.exists():
            return {}
        return {k: list(v) for k, v in json.loads(self.path.read_text()).items()}

    def _write(self, batches: dict[str, list[str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(batches))
        temporary.replace(self.path)  # a kill mid-write leaves the old ledger, never half of one

    def pending(self, keys: frozenset[str]) -> str | None:
        return next((b for b, k in self._read().items() if frozenset(k) == keys), None)

    def add(self, batch_id: str, keys: frozenset[str]) -> None:
        self._write({**self._read(), batch_id: sorted(keys)})

    def collected(self, batch_id: str) -> None:
        batches = self._read()
        batches.pop(batch_id, None)
        self._write(batches)
