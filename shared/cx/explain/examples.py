"""Example conversations for the factors that changed: bounded reads, never a scan.

The worst cases of the period come from each journey's weekly case index (sorted by average CX); their
contacts are read one case at a time (a key query each) until every factor has its examples or
MAX_CASES cases were read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cx.domain.evaluation import Direction
from cx.ranges import DateRange
from cx.reads import CaseContactsReader as ContactReader
from cx.reads import RankedReader
from cx.reports.cases import case_page

PER_FACTOR = 3
MAX_CASES = 24


@dataclass(frozen=True)
class Example:
    factor: str
    case_id: str
    conversation_id: str
    cx_score: int
    summary: str
    quotes: tuple[str, ...]


def find_examples(
    index: RankedReader,
    contacts: ContactReader,
    journeys: Sequence[str],
    period: DateRange,
    factors: Sequence[str],
    per_factor: int = PER_FACTOR,
    max_cases: int = MAX_CASES,
) -> dict[str, list[Example]]:
    found: dict[str, list[Example]] = {f: [] for f in factors}
    if not factors:
        return found
    rows = [r for j in journeys for r in case_page(index, j, period, max_cases, 0, size=max_cases).rows]
    for row in sorted(rows, key=lambda r: r.order)[:max_cases]:
        for conversation, evaluation in contacts.case_contacts(row.case_id):
            if evaluation is None:
                continue
            for reason in evaluation.reasons:
                wanted = found.get(reason.factor)
                if (
                    reason.direction is Direction.NEGATIVE
                    and wanted is not None
                    and len(wanted) < per_factor
                    and all(x.case_id != row.case_id for x in wanted)  # one example a case
                ):
                    quotes = tuple(e.quote for e in reason.evidence[:2])
                    wanted.append(
                        Example(
                            reason.factor,
                            row.case_id,
                            conversation.id,
                            evaluation.cx_score,
                            reason.summary,
                            quotes,
                        )
                    )
        if all(len(v) >= per_factor for v in found.values()):
            break
    return found
