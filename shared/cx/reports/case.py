"""One case with its contacts and their evaluations: a drill-down to raw data, read by case id."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cx.domain.conversation import CaseOutcome, Conversation
from cx.domain.evaluation import Evaluation
from cx.reads import CaseContactsReader

_LATE = "9999"


@dataclass(frozen=True)
class CaseView:
    case_id: str
    contacts: list[tuple[Conversation, Evaluation | None]]  # oldest first

    @property
    def journey(self) -> str | None:
        return next((c.journey for c, _ in reversed(self.contacts) if c.journey), None)

    @property
    def outcome(self) -> CaseOutcome | None:
        return next((c.case_outcome for c, _ in reversed(self.contacts) if c.case_outcome), None)

    @property
    def scores(self) -> list[int]:
        """Scores of published evaluations that are scores (not an unreadable language): the only ones that count."""
        return [e.cx_score for _, e in self.contacts if e is not None and e.published and not e.unscored]

    @property
    def avg_score(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    def contact(self, conversation_id: str) -> tuple[Conversation, Evaluation | None] | None:
        return next((pair for pair in self.contacts if pair[0].id == conversation_id), None)

    def teams(self) -> set[str]:
        return {c.team for c, _ in self.contacts if c.team}

    def agents(self) -> set[str]:
        return {c.agent_id for c, _ in self.contacts if c.agent_id}


_NUMBERED = re.compile(r"^([A-Za-z]+[-_]?)?0*(\d{1,9})$")
DEFAULT_PREFIX = "CASE-"
MAX_WIDTH = 8


def case_id_candidates(typed: str) -> list[str]:
    """The ids a typed case reference may mean: as typed, in either case, and for ``case-42``, ``CASE-0042`` or a
    bare ``42`` the number with any zero-padding (ids are stored as the help desk wrote them, e.g. CASE-000042)."""
    typed = typed.strip()
    out = [typed, typed.upper(), typed.lower()]
    if m := _NUMBERED.match(typed):
        prefix, number = (m.group(1) or DEFAULT_PREFIX), int(m.group(2))
        for width in range(len(str(number)), MAX_WIDTH + 1):
            out += [f"{p}{number:0{width}d}" for p in (prefix.upper(), prefix.lower(), prefix)]
    return list(dict.fromkeys(out))


def case_view(reader: CaseContactsReader, typed: str) -> CaseView | None:
    """The case a user typed, found whatever its letter case or zero-padding; None when there is none."""
    for case_id in case_id_candidates(typed):
        if contacts := reader.case_contacts(case_id):
            break
    else:
        return None
    ordered = sorted(contacts, key=lambda p: (p[0].when.isoformat() if p[0].when else _LATE, p[0].id))
    return CaseView(case_id, ordered)
