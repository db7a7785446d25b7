"""Handle time per channel on DynamoDB Local: contributions folded before the per-channel counters existed
unfold exactly (a re-score, a redelivery and `cx rebuild --apply` never take out what they never put in)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from support.direct_performance import handle_seconds

from cx.aggregation.contribution import Applied
from cx.aggregation.counters import Counts, add, handle_count, handle_sum
from cx.aggregation.keys import ledger_key
from cx.aggregation.service import contributions, fold, fold_applied
from cx.bootstrap import build_pipeline
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Channel, Conversation
from cx.domain.evaluation import Evaluation, ScorerInfo
from cx.pipeline import Pipeline
from cx.scoring.offline import OfflineScorer
from cx.scoring.weights import DEFAULT

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
Pairs = list[tuple[Conversation, Evaluation]]


class Rubric:
    """The offline scorer with other weights under its own rubric version: a re-score moves every contribution."""

    def __init__(self, version: str, shift: float) -> None:
        base = OfflineScorer()
        self.inner = OfflineScorer(replace(DEFAULT, base=DEFAULT.base - shift))
        self.info: ScorerInfo = base.info.model_copy(update={"rubric_version": version})

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        return self.inner.score(conversation, now).model_copy(update={"scorer": self.info})


def old_shape(applied: Applied) -> Applied:
    """What the code before per-channel handle time computed for the same pair."""
    return applied.model_copy(update={"channel_handle": None})


def agent_rows(pipeline: Pipeline) -> dict[str, Counts]:
    """Each agent's counters summed over their days and inquiries (the ``agent=<a>|by-inquiry`` rows)."""
    out: dict[str, Counts] = defaultdict(dict)
    for (pk, _), counts in pipeline.aggregates.read_all().items():
        if pk.startswith("agent=") and pk.endswith("|by-inquiry"):
            add(out[pk.removeprefix("agent=").removesuffix("|by-inquiry")], counts)
    return dict(out)


def direct(conversations: list[Conversation], split: set[str] | None = None) -> dict[str, Counts]:
    """Per agent, from the transcripts: every handle time, and per channel those of ``split`` (None: all)."""
    out: dict[str, Counts] = defaultdict(dict)
    for c in conversations:
        seconds = handle_seconds(c)
        if not (c.agent_id and c.inquiry and c.when) or seconds is None:
            continue
        row = out[c.agent_id]
        row["handle_count"] = row.get("handle_count", 0) + 1
        row["handle_seconds_sum"] = row.get("handle_seconds_sum", 0) + seconds
        if split is None or c.id in split:
            ch = c.channel.value
            row[handle_count(ch)] = row.get(handle_count(ch), 0) + 1
            row[handle_sum(ch)] = row.get(handle_sum(ch), 0) + seconds
    return dict(out)


def handle_part(rows: dict[str, Counts]) -> dict[str, Counts]:
    return {a: {n: round(v, 1) for n, v in c.items() if n.startswith("handle_") and v} for a, c in rows.items()}


def assert_exact(pipeline: Pipeline, conversations: list[Conversation], split: set[str] | None) -> None:
    stored = agent_rows(pipeline)
    for agent, counts in stored.items():
        negative = {n: v for n, v in counts.items() if v < -1e-9}
        assert not negative, (agent, negative)
    assert handle_part(stored) == handle_part(direct(conversations, split))


@pytest.fixture
def demo() -> list[Conversation]:
    # every sixth of five days: about 60 contacts of 24 agents, ten of them timed in more than one channel
    conversations = generate(end=NOW.date(), days=5, seed=5).conversations[::6]
    channels = {c.channel for c in conversations if handle_seconds(c) is not None}
    assert channels == set(Channel), "the demo should time contacts in every channel"
    return conversations


def test_contributions_folded_before_the_split_unfold_exactly_through_rescore_redelivery_and_rebuild(
    settings: Settings, demo: list[Conversation]
) -> None:
    first = build_pipeline(settings, clock=lambda: NOW)
    stored = first.score_and_store(demo)
    pairs: Pairs = stored.pairs
    applied, unfolded = contributions(pairs, UTC)
    assert not unfolded
    # the old code's fold: the aggregator Lambda's transactional path, with the ledger bodies it wrote
    fold_applied(first.aggregates, [old_shape(a) for a in applied])
    ledger = first.aggregates._m.ledger  # type: ignore[attr-defined]
    for a in applied:
        old_body = old_shape(a).model_dump_json(exclude={"channel_handle"})
        item = ledger.get(*ledger_key(a.conversation_id))
        assert Applied.model_validate_json(old_body).fingerprint == item.fingerprint  # the old entry still matches
        ledger(*ledger_key(a.conversation_id), fingerprint=item.fingerprint, body=old_body).save()
    assert_exact(first, demo, split=set())

    # a third re-scored by a new rubric (bulk path), a third redelivered unchanged (streaming path)
    third = len(demo) // 3
    rescored, redelivered = demo[:third], demo[third : 2 * third]
    revised = build_pipeline(settings, clock=lambda: NOW + timedelta(minutes=1), scorer=Rubric("revised", 1.0))
    assert revised.process(rescored).fold is not None
    fold(first.aggregates, [p for p in pairs if p[0] in redelivered], UTC)
    moved = {c.id for c in [*rescored, *redelivered]}
    assert_exact(first, demo, split=moved)

    # `cx rebuild --apply` splits what is left, and rewrites the ledger to say so
    assert first.rebuild(), "the old contributions lack their per-channel counters"
    first.rebuild(apply=True)
    assert_exact(first, demo, split=None)
    assert first.rebuild() == []

    # a re-score after the rebuild takes out what the rebuild put in: no channel counted twice
    again = build_pipeline(settings, clock=lambda: NOW + timedelta(minutes=2), scorer=Rubric("again", 0.5))
    again.process(demo[2 * third :])
    assert_exact(first, demo, split=None)
    assert first.rebuild() == []
