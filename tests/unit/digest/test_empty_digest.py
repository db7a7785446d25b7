"""A digest over a store with nothing in it (a new deployment) says so instead of failing."""

from __future__ import annotations

from datetime import UTC, datetime

from fakes import FakeAggregateStore

from cx.digest.report import build_digest
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ranges import parse_range
from cxbot.digest_post import draw_chart
from cxbot.render.digest import digest_blocks, digest_text


class NoCases:
    def case_contacts(self, case_id: str) -> list[tuple[Conversation, Evaluation | None]]:
        return []


def test_the_digest_of_an_empty_store_has_no_evaluations_and_renders() -> None:
    store = FakeAggregateStore()
    period = parse_range("last-week", datetime(2026, 3, 11, tzinfo=UTC), UTC)

    digest = build_digest(store, NoCases(), sorted(store.known_journeys()), period, 4, all_journeys=True)

    assert digest.evaluations == 0 and digest.score.now is None and digest.journeys == []
    assert len(digest.overall.counts) == len(digest.spans) == 9
    assert digest_text(digest) and digest_blocks(digest, chart_note="")
    assert draw_chart(digest).startswith(b"\x89PNG")
