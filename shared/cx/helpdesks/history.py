"""A help desk's history, page by page: each closed conversation fetched whole and sent through the pipeline.

Resumable: after every page the cursor and the running totals are saved, so a run stopped anywhere starts
again at the page it was on. Conversations of that page already stored come back unchanged (the pipeline
keys them by content), so nothing is counted twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from cx.domain.conversation import Conversation
from cx.importers.result import Reject
from cx.importers.validate import validate

from .fetch import Sources, whole
from .ports import HelpdeskApiError, Page


@dataclass
class Progress:
    since: str
    cursor: str | None = None
    pages: int = 0
    imported: int = 0  # contacts stored and scored
    unchanged: int = 0  # already stored, the same (a resumed page, or imported before)
    open: int = 0  # conversations not closed yet: scored when they close
    rejected: int = 0
    done: bool = False

    def line(self) -> str:
        return (
            f"page {self.pages}: {self.imported} imported, {self.unchanged} already stored, "
            f"{self.open} still open (skipped), {self.rejected} rejected"
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


Sink = Callable[[list[Conversation]], tuple[int, int]]  # stores contacts; (scored, unchanged)


def run(
    vendor: str,
    since: datetime,
    sources: Sources,
    mapping: dict[str, str],
    progress: Progress,
    sink: Sink,
    save: Callable[[Progress], object],
    rejected: Callable[[list[Reject]], None],
    between_pages: Callable[[], None],
    report: Callable[[Progress], None],
) -> Progress:
    source = sources.intercom if vendor == "intercom" else sources.zendesk
    if source is None:
        raise HelpdeskApiError(f"no {vendor} API credentials are set")
    while not progress.done:
        if progress.pages:
            between_pages()
        page: Page = source.updated_since(since, progress.cursor)
        for conversation_id in page.ids:
            _one(vendor, conversation_id, sources, mapping, progress, sink, rejected)
        progress.pages += 1
        progress.cursor, progress.done = page.cursor, page.done or not page.cursor
        save(progress)
        report(progress)
    return progress


def _one(vendor: str, conversation_id: str, sources: Sources, mapping: dict[str, str], progress: Progress,
         sink: Sink, rejected: Callable[[list[Reject]], None]) -> None:  # fmt: skip
    try:
        _, closed, records = whole(vendor, conversation_id, sources, mapping)
    except HelpdeskApiError as exc:
        if exc.status != 404:  # deleted since it was listed: nothing to import
            raise
        return
    if not closed:
        progress.open += 1
        return
    accepted: list[Conversation] = []
    rejects: list[Reject] = []
    for number, record in enumerate(records, start=1):
        outcome = validate(record, source=f"{vendor}-import", line=number, record=record)
        if isinstance(outcome, Reject):
            rejects.append(outcome)
        else:
            accepted.append(outcome)
    if rejects:
        rejected(rejects)
        progress.rejected += len(rejects)
    if accepted:
        scored, unchanged = sink(accepted)
        progress.imported += scored
        progress.unchanged += unchanged
