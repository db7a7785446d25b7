"""The versioned rubric file: its version is its file name, so a new rubric is a new version."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

RUBRICS = Path(__file__).resolve().parent.parent / "rubrics"
DEFAULT_RUBRIC = "claude-v2"  # v1 with worked examples: a prefix long enough to be cached


@dataclass(frozen=True)
class Rubric:
    version: str
    text: str

    @classmethod
    def load(cls, version: str = DEFAULT_RUBRIC, folder: Path = RUBRICS) -> Rubric:
        return cls(version=version, text=(folder / f"{version}.md").read_text(encoding="utf-8"))
