"""What an import returns: the conversations that loaded and a reject for each record that did not."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

from cx.domain.conversation import Conversation


class ImportFileError(ValueError):
    """The file as a whole cannot be read (unknown type, missing columns); nothing in it was loaded."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record: the field path at fault and what to do about it."""

    field: str | None  # None when the record as a whole is unreadable (bad JSON, not an object)
    message: str
    line: int | None = None  # the physical line, when a record spans several (CSV rows)

    def describe(self) -> str:
        where = self.field or ""
        if self.line is not None:
            where = f"{where} (line {self.line})" if where else f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


class Reject(BaseModel):
    """A record that was not loaded, with enough to find it, fix it and load it again."""

    model_config = ConfigDict(frozen=True)

    source: str
    line: int  # 1-based; for CSV the line of the first offending row
    id: str | None = None
    field: str | None = None
    reason: str
    record: dict[str, Any] | str

    @classmethod
    def from_problems(
        cls,
        problems: Sequence[Problem],
        *,
        source: str,
        line: int,
        record_id: str | None,
        record: dict[str, Any] | str,
    ) -> Reject:
        """One reject for a record, listing every problem found in it."""
        return cls(
            source=source,
            line=line,
            id=record_id,
            field=problems[0].field if problems else None,
            reason="; ".join(p.describe() for p in problems),
            record=record,
        )


@dataclass
class ImportResult:
    accepted: list[Conversation] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)

    def add(self, item: Conversation | Reject) -> None:
        if isinstance(item, Reject):
            self.rejects.append(item)
        else:
            self.accepted.append(item)

    def extend(self, other: ImportResult) -> None:
        self.accepted.extend(other.accepted)
        self.rejects.extend(other.rejects)

    def summary(self) -> str:
        noun = "conversation" if len(self.accepted) == 1 else "conversations"
        return f"{len(self.accepted)} {noun} loaded, {len(self.rejects)} rejected"
