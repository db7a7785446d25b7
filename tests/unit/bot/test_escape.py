"""The escape boundary for the renderers Slack commands do not reach (tests/integration/test_slack_escaping.py
covers the others through the real app), and the one formula guard of every CSV cell."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from slack_sdk.models.blocks import Block

from cx.calibration.drift import Observation, drift_report
from cx.coaching.plan import CoachingPlan, PlanAction
from cx.performance.metrics import Metric
from cx.performance.rows import RecentContact
from cxbot.coaching.draft import Draft
from cxbot.render.coaching_wizard import help_step, metric_step, review_step, summary_step, target_step
from cxbot.render.csv_export import cell, file_part
from cxbot.render.drift import drift_blocks, drift_text
from cxbot.render.mrkdwn import esc, mention
from cxbot.render.plan import plan_blocks, plan_text, plans_blocks

HOSTILE = ("<!channel>", "<!here>", "<@U0EVIL>", "<http://evil.example|SSO login>")
LEAKS = ("<!channel>", "<!here>", "<@U0EVIL>", "<http://evil")
END = date(2026, 11, 22)


def _mrkdwn(value: Any) -> list[str]:
    if isinstance(value, dict):
        own = [value["text"]] if value.get("type") == "mrkdwn" else []
        return own + [t for child in value.values() for t in _mrkdwn(child)]
    if isinstance(value, list):
        return [t for child in value for t in _mrkdwn(child)]
    return []


def _leaks(blocks: list[Any], *texts: str) -> list[str]:
    parsed = [Block.parse(b.to_dict() if hasattr(b, "to_dict") else b) for b in blocks]
    found = [t for p in parsed if p is not None for t in _mrkdwn(p.to_dict())] + list(texts)
    return sorted({h for t in found for h in LEAKS if h in t})


def test_esc_escapes_the_three_characters_and_mention_only_takes_user_ids() -> None:
    assert esc("a & <b> <!channel>") == "a &amp; &lt;b&gt; &lt;!channel&gt;"
    assert mention("U0AGENT01") == "<@U0AGENT01>"
    assert mention("<!channel>") == "&lt;!channel&gt;"


def test_drift_summary_escapes_journeys_and_scorer_names() -> None:
    rng = random.Random(1)
    traffic = [
        Observation(END - timedelta(days=back), HOSTILE[1], HOSTILE[0], rng.choice([1, 2, 4, 5]), HOSTILE[3])
        for back in range(35)
        for _ in range(12)
    ]
    traffic += [Observation(END, "chat", HOSTILE[0], 1, HOSTILE[2]) for _ in range(40)]
    report = drift_report(traffic, END)

    assert report.changes, "a scorer change to show"
    assert _leaks(drift_blocks(report), drift_text(report)) == []


def _plan() -> CoachingPlan:
    return CoachingPlan(
        id="p1",
        agent_id="a1",
        slack_user="<!channel>",
        inquiry=HOSTILE[2],
        metric=Metric.CX,
        improvement_pct=10,
        start_value=3.0,
        target_value=3.3,
        created_at=datetime(2026, 11, 1, tzinfo=UTC),
        due=date(2026, 12, 1),
        actions=[PlanAction(text=HOSTILE[0]), PlanAction(text=HOSTILE[3])],
        help_note=HOSTILE[1],
        closed_note=None,
    )


def test_plans_escape_inquiry_actions_notes_and_never_mention_anything_but_a_user_id() -> None:
    plan, today = _plan(), date(2026, 11, 10)

    assert _leaks(plan_blocks(plan, today), plan_text(plan, today)) == []
    assert _leaks(plans_blocks([plan], today)) == []


def test_every_coaching_wizard_step_escapes_the_agent_s_text() -> None:
    draft = Draft(
        inquiry=HOSTILE[2],
        metric=Metric.CX,
        start=3.0,
        improvement=10,
        target=3.3,
        due=date(2026, 12, 1),
        actions=[HOSTILE[0], HOSTILE[3]],
        help=[],
        note=HOSTILE[1],
    )
    for view in (
        metric_step(draft),
        target_step(draft, END),
        review_step(draft, [RecentContact(HOSTILE[1], datetime(2026, 11, 2, tzinfo=UTC), {"evaluations": 1})]),
        help_step(draft),
    ):
        assert _leaks(view.blocks) == []
    assert _leaks(summary_step(draft).blocks) == []


def test_csv_cells_that_would_run_as_formulas_are_guarded_and_numbers_are_not() -> None:
    row = [cell(v) for v in ('=HYPERLINK("http://evil")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "ok", -0.5, None)]
    out = io.StringIO()
    csv.writer(out).writerow(row)

    parsed = next(csv.reader(io.StringIO(out.getvalue())))
    assert parsed[:6] == ['\'=HYPERLINK("http://evil")', "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx"]
    assert parsed[6:] == ["ok", "-0.5", ""]


def test_file_names_from_data_keep_only_safe_characters() -> None:
    assert file_part("../../etc/passwd") == "etc-passwd"
    assert file_part("<!here>-CASE 1/2") == "here-CASE-1-2"
    assert file_part("") == "x"
