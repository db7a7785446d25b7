"""The whole job on DynamoDB Local with the template's tables: the report a manager reads is exact."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest
from support.direct import journey_figures

from cx.bootstrap import build_pipeline, build_stores
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import CaseOutcome, Conversation
from cx.domain.evaluation import Evaluation, ScorerInfo
from cx.pipeline import Pipeline
from cx.ranges import parse_range
from cx.reports.journey import journey_report
from cx.scoring.offline import OfflineScorer
from cx.scoring.port import ScoringError
from cx.scoring.weights import DEFAULT
from cxlocal.dynamodb_local import local_client

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@dataclass
class RevisedRubric:
    """A real scorer with other weights and its own rubric version, as a rubric change would bring."""

    inner: OfflineScorer
    info: ScorerInfo

    @classmethod
    def make(cls) -> RevisedRubric:
        base = OfflineScorer()
        return cls(
            OfflineScorer(replace(DEFAULT, base=DEFAULT.base - 1.0)),
            base.info.model_copy(update={"rubric_version": "revised"}),
        )

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        return self.inner.score(conversation, now).model_copy(update={"scorer": self.info})


@pytest.fixture(scope="module")
def demo() -> list[Conversation]:
    return generate(
        end=NOW.date(), days=8, seed=11
    ).conversations  # 540 conversations, 100 a journey in the last 7 days


@pytest.fixture
def pipeline(settings: Settings) -> Pipeline:
    return build_pipeline(settings, clock=lambda: NOW)


def _pairs(pipeline: Pipeline, conversations: list[Conversation]) -> Iterator[tuple[Conversation, Evaluation]]:
    for c in conversations:
        evaluation = pipeline.evaluations.latest_evaluation(c.id)
        assert evaluation is not None, f"{c.id} has no evaluation"
        yield c, evaluation


def _check_report(settings: Settings, pipeline: Pipeline, conversations: list[Conversation], journey: str) -> None:
    period = parse_range("last-7d", NOW, UTC)
    report = journey_report(build_stores(settings).aggregates, journey, period, settings.pass_threshold)
    direct = journey_figures(_pairs(pipeline, conversations), journey, period.start, period.end, UTC, 4)
    assert direct.evaluations > 20, "the demo should give this journey enough volume to check"
    assert report.current.evaluations == direct.evaluations
    assert report.current.avg_score == pytest.approx(direct.average)
    assert report.current.pass_rate(4) == pytest.approx(direct.pass_rate)
    assert report.current.cases == direct.cases
    assert {k: v for k, v in report.current.outcomes.items() if v} == direct.outcomes
    assert sum(p.evaluations for p in report.trend) == direct.evaluations


def test_journey_report_matches_direct_computation(
    settings: Settings, pipeline: Pipeline, demo: list[Conversation]
) -> None:
    outcome = pipeline.process(demo)
    assert outcome.scored == len(demo) and not outcome.failed
    assert outcome.fold.folded == len(demo)
    # one plan for the load: each item of the aggregates table (ledger entries included) written once, not once
    # per batch of 25 (the demo's 16.8 writes a conversation were mostly the same items rewritten)
    pages = local_client(settings.dynamodb_endpoint or "").get_paginator("scan")
    stored = sum(page["Count"] for page in pages.paginate(TableName=settings.aggregates_table, Select="COUNT"))
    assert outcome.fold.writes <= stored, f"{outcome.fold.writes} item writes for {stored} items"
    for journey in ("billing", "delivery"):
        _check_report(settings, pipeline, demo, journey)
    assert pipeline.rebuild() == []


def test_redelivery_scores_and_counts_nothing_twice(
    settings: Settings, pipeline: Pipeline, demo: list[Conversation]
) -> None:
    subset = demo[:60]
    pipeline.process(subset)
    before = pipeline.aggregates.read_all()
    again = pipeline.process(subset)
    assert again.scored == 0 and again.unchanged == len(subset)
    assert pipeline.aggregates.read_all() == before


def test_refolding_the_same_evaluations_is_skipped(
    settings: Settings, pipeline: Pipeline, demo: list[Conversation]
) -> None:
    from cx.aggregation.service import fold

    report = pipeline.process(demo[:60])
    before = pipeline.aggregates.read_all()
    # a stream batch delivered again after a crash: the ledger recognises every evaluation
    retry = fold(pipeline.aggregates, list(_pairs(pipeline, demo[:60])), UTC)
    assert retry.folded == 0 and retry.skipped == report.scored
    assert pipeline.aggregates.read_all() == before


def test_rescoring_with_a_new_rubric_moves_contributions(settings: Settings, demo: list[Conversation]) -> None:
    subset = demo[-250:]  # the most recent, so the report's last-7d sees them
    build_pipeline(settings, clock=lambda: NOW).process(subset)
    later = NOW + timedelta(hours=1)
    revised = build_pipeline(settings, clock=lambda: later, scorer=RevisedRubric.make())
    report = revised.process(subset[:60])
    assert report.scored == 60
    assert revised.rebuild() == [], "aggregates must equal a recomputation from the latest evaluations"
    totals = revised.aggregates.read_all()
    evaluations = sum(c.get("evaluations", 0) for (pk, _), c in totals.items() if pk.startswith("channel="))
    assert evaluations == len(subset), "a re-score replaces the old evaluation's contribution"
    _check_report(settings, revised, subset, "billing")


def test_rebuild_reports_and_repairs_a_damaged_aggregate(
    settings: Settings, pipeline: Pipeline, demo: list[Conversation]
) -> None:
    pipeline.process(demo[:40])
    stores = build_stores(settings)
    key = next(k for k in stores.aggregates.read_all() if k[0].startswith("journey=") and "|" not in k[0])
    damaged = stores.aggregates.read_all()
    damaged[key] = {**damaged[key], "evaluations": damaged[key]["evaluations"] + 3}
    stores.aggregates.replace_all(damaged)
    differences = pipeline.rebuild()
    assert [d.key for d in differences] == [key]
    assert "evaluations" in differences[0].describe()
    pipeline.rebuild(apply=True)
    assert pipeline.rebuild() == []


def test_new_case_facts_with_the_same_words_are_counted_anew_without_rescoring(
    settings: Settings, pipeline: Pipeline, demo: list[Conversation]
) -> None:
    subset = demo[-40:]
    pipeline.process(subset)
    target = next(c for c in subset if c.case_outcome is not None and c.case_outcome.value != "resolved")
    closed = target.model_copy(update={"case_outcome": CaseOutcome.RESOLVED})
    before = pipeline.evaluations.latest_evaluation(target.id)
    report = pipeline.process([closed])
    assert report.scored == 0, "the words did not change: no new evaluation"
    assert pipeline.evaluations.latest_evaluation(target.id) == before
    assert pipeline.rebuild() == [], "the aggregates follow the new outcome"
    case = build_stores(settings).aggregates.case_states([target.case_ref])[target.case_ref]
    assert case.contacts[target.id].outcome is CaseOutcome.RESOLVED


@dataclass
class RefusingScorer:
    """A new scorer version whose every call fails, as a model outage or a rejected answer would."""

    info: ScorerInfo

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        raise ScoringError("the model's answer did not match the schema twice")


def test_a_failed_rescore_keeps_the_earlier_evaluation_counted(
    settings: Settings, pipeline: Pipeline, demo: list[Conversation]
) -> None:
    subset = demo[-30:]
    pipeline.process(subset)
    before = pipeline.aggregates.read_all()
    kept = pipeline.conversations.current(c.id for c in subset)
    refusing = RefusingScorer(OfflineScorer().info.model_copy(update={"version": "2.0.0"}))
    report = build_pipeline(settings, clock=lambda: NOW, scorer=refusing).process(subset)
    assert len(report.failed) == len(subset) and report.scored == 0
    assert "schema twice" in report.failed[0].reason
    now = pipeline.conversations.current(c.id for c in subset)
    assert {i: s.evaluation for i, s in now.items()} == {i: s.evaluation for i, s in kept.items()}
    assert pipeline.aggregates.read_all() == before


def test_the_largest_commit_the_fold_makes_fits_one_transaction_of_the_store(
    settings: Settings, pipeline: Pipeline, demo: list[Conversation]
) -> None:
    from cx.aggregation.contribution import Applied
    from cx.aggregation.fold import plan_fold
    from cx.aggregation.service import CONVERSATIONS_PER_COMMIT

    # every conversation of the chunk its own case: as many case states as ledger entries in the commit
    chunk = [c.model_copy(update={"case_id": f"alone-{c.id}"}) for c in demo[:CONVERSATIONS_PER_COMMIT]]
    applied = [Applied.of(c, pipeline.scorer.score(c, NOW), UTC) for c in chunk]
    plan = plan_fold(applied, {}, {})
    assert len(plan.ledger) == len(plan.cases) == CONVERSATIONS_PER_COMMIT
    assert plan.write_count() > 100, "more items than one transaction could hold"

    pipeline.aggregates.apply(plan)  # with the lease checks and the lane beside it: DynamoDB takes at most 100

    assert pipeline.rebuild() == [], "every increment is in, once"
