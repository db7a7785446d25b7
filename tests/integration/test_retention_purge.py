"""Retention and data-subject requests on DynamoDB Local: transcripts go, what was learnt from them stays."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from cx.bootstrap import build_label_store, build_pipeline, build_stores
from cx.calibration.labels import Label
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cx.pipeline import Pipeline
from cx.retention import purge_customer

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def loaded(settings: Settings) -> tuple[Pipeline, list[Conversation]]:
    """Every contact of the customer with the most over five demo days (three), and every tenth of the others."""
    made = generate(end=NOW.date(), days=5, seed=3).conversations
    [(most, _)] = Counter(c.customer_id for c in made if c.customer_id).most_common(1)
    conversations = [c for n, c in enumerate(made) if c.customer_id == most or n % 10 == 0]
    pipeline = build_pipeline(settings, clock=lambda: NOW)
    pipeline.process(conversations)
    return pipeline, conversations


def _customer_with_several(conversations: list[Conversation]) -> str:
    counts = Counter(c.customer_id for c in conversations if c.customer_id)
    customer, n = counts.most_common(1)[0]
    assert n >= 2, "the demo should give some customer more than one conversation"
    return customer


def test_each_stored_transcript_expires_after_the_retention_period(settings: Settings) -> None:
    conversations = generate(end=NOW.date(), days=1, seed=3).conversations[:5]  # a few stored: only one is read
    build_pipeline(settings, clock=lambda: NOW).process(conversations)
    models = build_stores(settings).conversations.models
    item = next(iter(models.conversation.batch_get([conversations[0].id])))
    received = datetime.fromisoformat(item.received_at)
    assert settings.retention_days == 365
    assert int(item.expires_at) == int(received.timestamp()) + 365 * 86400


def test_purge_removes_one_customers_data_and_nothing_else(
    settings: Settings, loaded: tuple[Pipeline, list[Conversation]]
) -> None:
    pipeline, conversations = loaded
    stores, labels = build_stores(settings), build_label_store(settings)
    customer = _customer_with_several(conversations)
    theirs = sorted(c.id for c in conversations if c.customer_id == customer)
    other = next(c for c in conversations if c.customer_id != customer)
    labels.put_labels(
        [Label(conversation_id=cid, reviewer="ana", score=2, labelled_at=NOW) for cid in (theirs[0], other.id)]
    )
    aggregates_before = stores.aggregates.read_all()

    dry = purge_customer(customer, stores.conversations, stores.evaluations, labels, apply=False)
    assert dry.conversation_ids == theirs
    assert "--apply" in dry.describe()
    assert stores.conversations.get_conversation(theirs[0]) is not None

    done = purge_customer(customer, stores.conversations, stores.evaluations, labels, apply=True)
    assert (len(done.conversation_ids), done.evaluations, done.labels) == (len(theirs), len(theirs), 1)
    for cid in theirs:
        assert stores.conversations.get_conversation(cid) is None
        assert stores.evaluations.evaluations_of(cid) == []
        assert labels.labels_for(cid) == []
    assert stores.conversations.get_conversation(other.id) is not None
    assert stores.evaluations.latest_evaluation(other.id) is not None
    assert len(labels.labels_for(other.id)) == 1
    # the anonymous counts stay, and a rebuild does not take them out again
    assert stores.aggregates.read_all() == aggregates_before
    assert pipeline.rebuild() == []
    again = purge_customer(customer, stores.conversations, stores.evaluations, labels, apply=True)
    assert again.conversation_ids == [] and "nothing to remove" in again.describe()


def test_a_rebuild_after_transcripts_expired_keeps_their_counts(
    settings: Settings, loaded: tuple[Pipeline, list[Conversation]]
) -> None:
    pipeline, conversations = loaded
    stores = build_stores(settings)
    expired = [c.id for c in conversations[:10]]
    stores.conversations.delete_conversations(expired)  # what DynamoDB's TTL does when expires_at passes
    before = stores.aggregates.read_all()
    assert pipeline.rebuild(apply=True) == []
    assert stores.aggregates.read_all() == before


def test_purge_needs_a_customer_id(settings: Settings) -> None:
    stores = build_stores(settings)
    with pytest.raises(ValueError, match="customer id"):
        purge_customer("  ", stores.conversations, stores.evaluations, None, apply=True)
