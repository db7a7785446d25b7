"""The case and evaluation views, the breadcrumb and the CSV of a case, rendered without Slack."""

from __future__ import annotations

import csv
import io

from factories import at, conversation, evaluation

from cx.domain.conversation import CaseOutcome
from cx.reports.case import CaseView
from cxbot.navigation import View
from cxbot.render.case import case_blocks
from cxbot.render.csv_export import case_csv
from cxbot.render.evaluation import evaluation_blocks
from cxbot.render.nav import trail
from cxbot.render.terminal import render


def _case() -> CaseView:
    first = conversation("c1", outcome=CaseOutcome.ESCALATED, text="I was charged twice")
    second = conversation("c2", started_at=at("2026-03-03 10:00"), outcome=CaseOutcome.RESOLVED)
    unpublished = evaluation(second, 1).model_copy(update={"published": False})
    return CaseView("k1", [(first, evaluation(first, 2)), (second, unpublished)])


def test_a_case_counts_only_published_evaluations_and_says_so() -> None:
    case = _case()
    text = render([b.to_dict() for b in case_blocks(case, View("case", case_id="k1"))])

    assert case.avg_score == 2.0 and case.outcome is CaseOutcome.RESOLVED
    assert "CX 1 (unpublished, not counted)" in text
    assert "Average CX score" in text and "2.00" in text


def test_an_evaluation_quotes_its_evidence_and_offers_rate_this() -> None:
    case = _case()
    conv, scored = case.contacts[0]
    assert scored is not None
    blocks = [b.to_dict() for b in evaluation_blocks(conv, scored, View("evaluation", case_id="k1"), "billing")]
    text = render(blocks)

    assert "> #0: I was charged twice" in text
    assert "The agent fixed it" in text
    [actions] = [b for b in blocks if b.get("block_id") == "evaluation-actions"]
    [rate] = actions["elements"]
    assert rate["action_id"] == "rate_evaluation" and rate["text"]["text"] == "Rate this"


def test_the_trail_leads_back_up_through_journey_and_case() -> None:
    view = View("evaluation", "last-30d", case_id="k1", conversation_id="c1")

    steps = trail(view, journey="billing")

    assert [label for label, _ in steps] == ["All journeys", "billing", "case k1"]
    assert [(v.kind, v.journey, v.case_id, v.range_text) for _, v in steps] == [
        ("journeys", None, None, "last-30d"),
        ("journey", "billing", None, "last-30d"),
        ("case", None, "k1", "last-30d"),
    ]


def test_a_case_csv_has_one_row_per_contact_with_its_scores() -> None:
    rows = list(csv.DictReader(io.StringIO(case_csv(_case()))))

    assert [(r["conversation_id"], r["cx_score"], r["published"]) for r in rows] == [
        ("c1", "2", "True"),
        ("c2", "1", "False"),
    ]


def test_an_evaluation_that_needs_a_human_look_says_so_beside_its_score() -> None:
    conv = conversation("c1")
    flagged = evaluation(conv, 3).model_copy(
        update={"confidence": 0.0, "language": "de", "flags": ["language de: the offline scorer reads English only"]}
    )
    sure = evaluation(conv, 3).model_copy(update={"confidence": 0.8})

    text = render([b.to_dict() for b in evaluation_blocks(conv, flagged, View("evaluation", case_id="k1"), None)])
    plain = render([b.to_dict() for b in evaluation_blocks(conv, sure, View("evaluation", case_id="k1"), None)])

    assert "3 / 5 · needs a human look" in text and "confidence 0%" in text and "language de" in text
    assert "needs a human look" not in plain and "confidence 80%" in plain


def test_a_case_csv_names_each_agent_from_the_data_else_from_slack_with_formulas_guarded() -> None:
    from unit.factories import conversation, evaluation

    from cx.reports.case import CaseView

    named = conversation("c1", agent_id="a1").model_copy(update={"agent_name": '=HYPERLINK("x")'})
    unnamed = conversation("c2", agent_id="U0AGENT02")
    case = CaseView("k1", [(named, evaluation(named)), (unnamed, evaluation(unnamed))])

    rows = list(csv.DictReader(io.StringIO(case_csv(case, {"U0AGENT02": "Daniel Okafor", "a1": "ignored"}))))

    assert [r["agent"] for r in rows] == ['\'=HYPERLINK("x")', "Daniel Okafor"]
    assert [r["agent_id"] for r in rows] == ["a1", "U0AGENT02"]
