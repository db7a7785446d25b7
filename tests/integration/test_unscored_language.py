"""A conversation in a language the offline scorer cannot read is no score (issue 14): through the real
pipeline on DynamoDB Local it is left out of every average and pass rate, counted apart as "not scored:
language" in `/cx journey`, and listed in the digest's QA picks for a human to read."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from support.slack_views import all_text

from cx.bootstrap import build_digest_wiring, build_pipeline, build_stores
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Conversation, Role
from cx.ranges import parse_range
from cx.reports.journey import journey_report
from cxbot.render.digest import digest_blocks
from cxbot.render.journey import journey_blocks, journey_text

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday
FOREIGN = {
    "de": ["Meine Bestellung ist nicht angekommen und ich will mein Geld zurück! Das ist eine Frechheit.",
           "Ich warte schon seit einer Woche und niemand hilft mir. Ich bin sehr verärgert."],
    "ja": ["注文した商品がまだ届きません。とても困っています。", "一週間も待っています。早くしてください。"],
}  # fmt: skip


def _in(conversation: Conversation, language: str) -> Conversation:
    texts = FOREIGN[language]
    messages = [
        m.model_copy(update={"text": texts[i % len(texts)]}) if m.role is Role.CUSTOMER else m
        for i, m in enumerate(conversation.messages)
    ]
    return conversation.model_copy(update={"messages": messages})


def _day(conversation: Conversation) -> date:
    when = conversation.case_opened_at or conversation.when
    assert when is not None
    return when.date()


def test_unreadable_languages_are_counted_apart_and_listed_for_review(settings: Settings) -> None:
    period = parse_range("last-week", NOW, UTC)
    # a fifth of two weeks' cases: every figure below is checked against the same loaded set, on a fifth of the load
    demo = [
        c
        for c in generate(end=NOW.date(), days=14, seed=5).conversations
        if int(hashlib.sha256(c.case_ref.encode()).hexdigest(), 16) % 5 == 0
    ]
    in_week = [c for c in demo if c.journey and period.start <= _day(c) <= period.end]
    journey = Counter(c.journey for c in in_week if c.journey).most_common(1)[0][0]
    assert journey is not None
    ours = [c for c in in_week if c.journey == journey]
    foreign_ids = {ours[0].id: "de", ours[1].id: "ja", ours[2].id: "de"}
    conversations = [_in(c, foreign_ids[c.id]) if c.id in foreign_ids else c for c in demo]

    outcome = build_pipeline(settings, clock=lambda: NOW).process(conversations)
    assert outcome.scored == len(conversations) and not outcome.failed

    stores = build_stores(settings)
    evaluations = {c.id: stores.evaluations.latest_evaluation(c.id) for c in conversations if c.journey == journey}
    for cid, language in foreign_ids.items():
        e = evaluations[cid]
        assert e is not None and e.language == language and e.unscored == "language"
        assert e.confidence == 0 and e.needs_review  # never a confident neutral 3
    english = [
        e.cx_score
        for c in conversations
        if c.journey == journey
        and c.id not in foreign_ids
        and period.start <= _day(c) <= period.end
        and (e := evaluations[c.id]) is not None
    ]
    report = journey_report(stores.aggregates, journey, period, settings.pass_threshold)
    assert report.current.evaluations == len(english)  # the three foreign ones are not evaluations in any figure
    assert report.current.avg_score == pytest.approx(sum(english) / len(english))
    passed = sum(s >= settings.pass_threshold for s in english) / len(english)
    assert report.current.pass_rate(settings.pass_threshold) == pytest.approx(passed)
    assert report.current.not_scored_language == 3
    assert "3 not scored: language" in all_text({"blocks": [b.to_dict() for b in journey_blocks(report)]})
    assert "(3 not scored: language)" in journey_text(report)

    digest = build_digest_wiring(settings).make(period, [journey], NOW)
    unread = [p for p in digest.review if p.not_scored]
    assert {p.conversation_id for p in unread} == set(foreign_ids)
    assert {p.not_scored for p in unread} == {"language de", "language ja"}
    assert digest.overall.now.evaluations == len(english)
    text = all_text({"blocks": [b.to_dict() for b in digest_blocks(digest)]})
    assert "3 not scored: language" in text and "Not scored (language ja)" in text
