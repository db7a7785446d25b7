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


def test_a_mover_beyond_normal_variation_that_why_calls_noise_gets_one_verdict() -> None:
    from cx.digest.movers import Mover
    from cx.digest.variation import Verdict
    from cxbot.render.digest import _mover

    period = parse_range("last-week", datetime(2026, 3, 11, tzinfo=UTC), UTC)
    digest = build_digest(FakeAggregateStore(), NoCases(), [], period, 4, all_journeys=True)
    unusual = Verdict(change=-0.5, typical=0.1, changes_seen=8, floor=0.05)
    assert unusual.beyond

    judged = _mover(
        Mover("billing", 3.0, 3.5, 40, unusual, "average CX 3.50 → 3.00 (-0.50), within noise."), digest, "d"
    )
    unexplained = _mover(Mover("billing", 3.0, 3.5, 40, unusual, None), digest, "d")

    assert "within noise" in judged.text.text and "beyond normal variation" not in judged.text.text  # type: ignore[union-attr]
    assert "beyond normal variation" in unexplained.text.text  # type: ignore[union-attr]
