"""The modules `make test` starts first are still there: a renamed one would silently go back to the end."""

from __future__ import annotations

from pathlib import Path

from support.schedule import SLOWEST_FIRST

REPO = Path(__file__).resolve().parents[2]


def test_every_module_scheduled_first_exists_once() -> None:
    assert [m for m in SLOWEST_FIRST if not (REPO / m).is_file()] == []
    assert len(set(SLOWEST_FIRST)) == len(SLOWEST_FIRST)
