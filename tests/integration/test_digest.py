"""The weekly digest on demo data in DynamoDB Local: figures against direct computations from the raw
evaluations, the scheduled function posting to the fake Slack once (retries, a crash after the post, a
channel the bot is not in), and `/cx digest` through the real Bolt app."""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest
from lambda_loader import cold_start
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from support.direct import journey_figures
from support.secrets import SLACK_SECRET, put_secret
from support.slack_views import all_text, button

from cx.adapters.dynamo.digest_store import DynamoPostLedger
from cx.bootstrap import build_digest_wiring, build_drift_status, build_label_store, build_pipeline, build_promotions
from cx.calibration.labels import Label
from cx.calibration.promotion import Promotion
from cx.config import Settings
from cx.demo.generator import generate
from cx.digest.health import DriftStatus
from cx.digest.report import Digest
from cx.digest.subscriptions import Subscription
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ranges import parse_range
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.dynamodb_local import local_client
from cxlocal.fake_slack import FakeSlack
from cxlocal.slack_requests import block_action_body, signed_headers, slash_command_body
from cxlocal.template_tables import create_tables

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday: last week is 16-22 Nov, the planted billing drop
SCHEDULED = "2026-11-23T09:00:00Z"
SECRET = "test-signing-secret"
Pairs = list[tuple[Conversation, Evaluation]]


@pytest.fixture(scope="module")
def digest_demo(dynamodb_endpoint: str) -> Iterator[tuple[Settings, Pairs, dict[str, str]]]:
    """Nine weeks of demo data (a fifth of its cases, to keep the load short), labels, a promotion."""
    client = local_client(dynamodb_endpoint)
    names = create_tables(client, prefix=f"d{uuid.uuid4().hex[:10]}")
    env = {
        "CX_CONVERSATIONS_TABLE": names["ConversationsTable"],
        "CX_EVALUATIONS_TABLE": names["EvaluationsTable"],
        "CX_AGGREGATES_TABLE": names["AggregatesTable"],
        "CX_LABELS_TABLE": names["LabelsTable"],
        "CX_CONFIG_TABLE": names["ConfigTable"],
        "CX_DYNAMODB_ENDPOINT": dynamodb_endpoint,
        "CX_TIMEZONE": "UTC",
        "CX_PASS_THRESHOLD": "4",
    }
    settings = Settings.from_env(env)
    demo = generate(end=NOW.date(), days=64, seed=7).conversations
    kept = [c for c in demo if int(hashlib.sha256(c.case_ref.encode()).hexdigest(), 16) % 5 == 0]
    pipeline = build_pipeline(settings, clock=lambda: NOW)
    pipeline.process(kept)
    pairs = [(c, e) for c in kept if (e := pipeline.evaluations.latest_evaluation(c.id)) is not None]
    labelled = pairs[-12:]
    build_label_store(settings).put_labels(
        Label(
            conversation_id=c.id, reviewer="ana", score=max(1, e.cx_score - i % 2), labelled_at=NOW - timedelta(days=3)
        )
        for i, (c, e) in enumerate(labelled)
    )
    build_promotions(settings).record(
        Promotion(scorer="offline", previous="claude", by="ops", at=datetime(2026, 11, 2, 12, tzinfo=UTC))
    )
    from cx.calibration.drift import DriftReport

    report = DriftReport((NOW.date() - timedelta(days=35), NOW.date()), (NOW.date(), NOW.date()), [], [], None, [])
    status = DriftStatus.of(report, NOW, "https://example.slack.com/archives/C0DRIFT/p1")
    drift_status = build_drift_status(settings)
    assert drift_status is not None
    drift_status.record(status)
    build_stores_roles(settings)
    yield settings, pairs, env
    for name in names.values():
        client.delete_table(TableName=name)


def build_stores_roles(settings: Settings) -> None:
    from cx.access import Roles
    from cx.bootstrap import build_stores

    build_stores(settings).roles.put_roles(Roles(managers=["U0MANAGER"], leads={"U0LEAD": ["billing-payments"]}))


@pytest.fixture(scope="module")
def digest(digest_demo: tuple[Settings, Pairs, dict[str, str]]) -> Digest:
    settings = digest_demo[0]
    return build_digest_wiring(settings).make(parse_range("last-week", NOW, UTC), None, NOW)


def _direct_weeks(pairs: Pairs, journeys: list[str], digest: Digest) -> list[tuple[int, float | None, float | None]]:
    """(evaluations, average, pass rate) per period for the journeys together, from the raw evaluations."""
    out = []
    for span in digest.spans:
        scores = [
            e.cx_score
            for c, e in pairs
            if c.journey in journeys and span.start <= (c.case_opened_at or c.when).astimezone(UTC).date() <= span.end  # type: ignore[union-attr]
        ]
        n = len(scores)
        out.append((n, sum(scores) / n if n else None, sum(s >= 4 for s in scores) / n if n else None))
    return out


def _rms_verdict(values: list[float | None]) -> bool:
    *history, now = values
    changes = [b - a for a, b in pairwise(history) if a is not None and b is not None]
    typical = math.sqrt(sum(c * c for c in changes) / len(changes))
    return bool(abs(now - history[-1]) > 2 * max(typical, 0.02))  # type: ignore[operator]


def test_headline_and_trend_match_the_raw_evaluations(digest: Digest, digest_demo: Any) -> None:
    _, pairs, _ = digest_demo
    journeys = sorted({c.journey for c, _ in pairs if c.journey})
    assert digest.journeys == journeys and len(digest.spans) == 9
    assert digest.spans[-1].start.isoformat() == "2026-11-16" and digest.spans[0].start.isoformat() == "2026-09-21"
    weeks = _direct_weeks(pairs, journeys, digest)
    assert [f.evaluations for f in digest.overall.figures] == [n for n, _, _ in weeks]
    assert digest.score.now == pytest.approx(weeks[-1][1]) and digest.score.last == pytest.approx(weeks[-2][1])
    assert digest.pass_rate.now == pytest.approx(weeks[-1][2])
    earlier = [
        s
        for c, e in pairs
        if c.journey
        and (s := e.cx_score)
        and digest.spans[0].start <= (c.case_opened_at or c.when).date() <= digest.spans[-2].end
    ]
    assert digest.score.baseline == pytest.approx(sum(earlier) / len(earlier))
    assert digest.score.verdict.beyond is _rms_verdict([w[1] for w in weeks])
    for series in digest.by_journey:
        direct = [journey_figures(pairs, series.name, p.start, p.end, UTC, 4) for p in digest.spans]
        assert [f.evaluations for f in series.figures] == [d.evaluations for d in direct], series.name
        assert series.scores() == pytest.approx([d.average for d in direct]), series.name


def test_movers_are_the_largest_changes_with_the_channel_that_carries_them(digest: Digest, digest_demo: Any) -> None:
    _, pairs, _ = digest_demo
    last, now = digest.spans[-2], digest.spans[-1]
    changes = {}
    for journey in digest.journeys:
        a, b = (journey_figures(pairs, journey, p.start, p.end, UTC, 4) for p in (last, now))
        if min(a.evaluations, b.evaluations) >= 10:
            changes[journey] = b.average - a.average
    falls = sorted((j for j, c in changes.items() if c < 0), key=lambda j: changes[j])[:3]
    rises = sorted((j for j, c in changes.items() if c > 0), key=lambda j: -changes[j])[:3]
    assert [m.journey for m in digest.movers.down] == falls
    assert [m.journey for m in digest.movers.up] == rises
    billing = next(m for m in digest.movers.down if m.journey == "billing")  # the planted drop
    parts = {}
    for channel in ("chat", "email", "voice"):
        sides = [
            [e.cx_score for c, e in pairs if c.journey == "billing" and c.channel.value == channel
             and p.start <= (c.case_opened_at or c.when).date() <= p.end]
            for p in (last, now)
        ]  # fmt: skip
        parts[channel] = (
            len(sides[1]) / billing.evaluations * (sum(sides[1]) / len(sides[1]) - sum(sides[0]) / len(sides[0]))
        )
    assert min(parts, key=lambda ch: parts[ch]) == "chat"
    # one case in five leaves too few evaluations for the explanation engine's interval: the line says so (the
    # mover's one verdict), then names the channel that carries the change
    assert billing.why is not None and billing.why.startswith("too few evaluations to tell; mostly chat: ")


def test_qa_picks_are_low_scores_of_the_weeks_worst_cases(digest: Digest, digest_demo: Any) -> None:
    _, pairs, _ = digest_demo
    period = digest.period
    by_case: dict[str, list[int]] = {}
    for c, e in pairs:
        day = (c.case_opened_at or c.when).date()
        if c.journey and c.case_outcome and period.start <= day <= period.end:
            by_case.setdefault(c.case_ref, []).append(e.cx_score)
    worst = sorted(by_case, key=lambda k: (sum(by_case[k]) / len(by_case[k]), k))[:10]
    scores = {c.id: e.cx_score for c, e in pairs}
    assert 1 <= len(digest.review) <= 5 and len({p.case_id for p in digest.review}) == len(digest.review)
    for pick in digest.review:
        assert pick.score is not None and pick.case_id in worst and scores[pick.conversation_id] == pick.score <= 3
    assert [p.severity for p in digest.review] == sorted(p.severity for p in digest.review)
    assert digest.review[0].score == min(min(by_case[k]) for k in worst)


def test_scorer_health_and_version_markers(digest: Digest) -> None:
    assert digest.health is not None and digest.health.agreement is not None
    assert digest.health.agreement.overall.n == 12
    assert digest.markers == [(datetime(2026, 11, 2).date(), "claude → offline")]


# --- the scheduled function -------------------------------------------------------------------------


@pytest.fixture
def function_env(digest_demo: Any, moto_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSlack]:
    _, _, env = digest_demo
    for name, value in {**env, "AWS_ENDPOINT_URL_SECRETS_MANAGER": moto_url,
                        "POWERTOOLS_METRICS_NAMESPACE": "CxAnalytics"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CX_SLACK_SECRET_ARN", put_secret("slack", SLACK_SECRET))
    with FakeSlack(not_in_channels={"C0NOTIN"}) as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        yield slack


def subscribe(settings: Settings, channel: str) -> Subscription:
    subscription = Subscription(channel=channel, weekday=0, hour=9, timezone="UTC")
    wiring = build_digest_wiring(settings)
    assert wiring.subscriptions is not None
    for held in wiring.subscriptions.all():  # one channel per test: earlier tests' subscriptions go
        wiring.subscriptions.remove(held.key)
    wiring.subscriptions.put(subscription)
    return subscription


def posts_to(slack: FakeSlack, channel: str) -> list[dict[str, Any]]:
    return [c.body for c in slack.calls_to("chat.postMessage") if c.body.get("channel") == channel]


def test_the_scheduled_digest_is_posted_once_with_its_chart(
    function_env: FakeSlack, digest_demo: Any, digest: Digest, lambda_context: Any
) -> None:
    slack, (settings, _, _) = function_env, digest_demo
    subscribe(settings, "C0DIGEST")
    handler = cold_start("digest").handler

    first = handler({"scheduled_time": SCHEDULED}, lambda_context)
    second = handler({"scheduled_time": SCHEDULED}, lambda_context)  # the scheduler's retry

    [post] = posts_to(slack, "C0DIGEST")
    [upload] = slack.uploads()
    assert [d["outcome"] for d in first["deliveries"]] == ["posted"]
    assert [d["outcome"] for d in second["deliveries"]] == ["already posted"]
    assert upload.channel == "C0DIGEST" and upload.content.startswith(b"\x89PNG")
    complete = slack.calls_to("files.completeUploadExternal")[0].body
    assert complete["thread_ts"] == slack.messages["C0DIGEST"][0]["ts"]
    text = json.dumps(post["blocks"], ensure_ascii=False)
    assert f"{digest.score.now:.2f}" in text and "16 Nov – 22 Nov 2026" in text
    assert post["metadata"]["event_payload"]["key"] == "C0DIGEST#all#2026-11-23"
    why = next(b for b in post["blocks"] if b.get("block_id", "").startswith("mover-"))["accessory"]
    assert why["action_id"] == "cx_why" and json.loads(why["value"])["range"] == "2026-11-16..2026-11-22"


def test_a_crash_after_the_post_never_leads_to_a_second_post(
    function_env: FakeSlack, digest_demo: Any, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    slack, (settings, _, _) = function_env, digest_demo
    subscribe(settings, "C0CRASH")
    handler = cold_start("digest").handler
    real = DynamoPostLedger.mark_posted

    def crash(self: DynamoPostLedger, key: str, ts: str) -> None:
        raise RuntimeError("the function died after posting")

    monkeypatch.setattr(DynamoPostLedger, "mark_posted", crash)
    with pytest.raises(RuntimeError):
        handler({"scheduled_time": SCHEDULED}, lambda_context)
    monkeypatch.setattr(DynamoPostLedger, "mark_posted", real)
    retry = handler({"scheduled_time": SCHEDULED}, lambda_context)  # at once: the lease still runs
    later = handler({"scheduled_time": "2026-11-23T10:00:00Z"}, lambda_context)  # the next tick

    assert len(posts_to(slack, "C0CRASH")) == 1
    assert [d["outcome"] for d in retry["deliveries"]] == ["being posted by another invocation"]
    assert [d["outcome"] for d in later["deliveries"]] == ["completed an interrupted post"]
    [upload] = slack.uploads()
    assert upload.channel == "C0CRASH"
    again = handler({"scheduled_time": "2026-11-23T11:00:00Z"}, lambda_context)
    assert [d["outcome"] for d in again["deliveries"]] == ["already posted"] and len(posts_to(slack, "C0CRASH")) == 1


def test_a_channel_the_bot_is_not_in_is_logged_and_alerted_and_the_others_still_get_theirs(
    function_env: FakeSlack,
    digest_demo: Any,
    lambda_context: Any,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slack, (settings, _, _) = function_env, digest_demo
    subscribe(settings, "C0NOTIN")
    wiring = build_digest_wiring(settings)
    assert wiring.subscriptions is not None
    wiring.subscriptions.put(Subscription(channel="C0OTHER", journeys=("billing",), weekday=0, hour=9))

    # a service of its own: Powertools keeps one handler per service, writing where stdout was when it was made
    service = f"digest-{uuid.uuid4().hex[:6]}"
    monkeypatch.setenv("POWERTOOLS_SERVICE_NAME", service)

    result = cold_start("digest").handler({"scheduled_time": SCHEDULED}, lambda_context)

    outcomes = {d["subscription"].split("#")[0]: d["outcome"] for d in result["deliveries"]}
    assert outcomes == {"C0NOTIN": "unreachable", "C0OTHER": "posted"}
    assert len(slack.messages["C0OTHER"]) == 1 and not slack.messages.get("C0NOTIN")  # refused, not posted
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    # logged by cxbot.digest_post through the standard library, written as the function's JSON lines
    refused = [line for line in lines if "cannot post in channel C0NOTIN (not_in_channel)" in line.get("message", "")]
    assert (
        refused
        and refused[0]["level"] == "ERROR"
        and refused[0]["service"] == service
        and "function_request_id" in refused[0]
    )
    metrics = [line for line in lines if "_aws" in line]
    assert any(m.get("DigestNotPosted") == [1.0] and m.get("DigestPosted") == [1.0] for m in metrics)


# --- /cx digest through the Bolt app ----------------------------------------------------------------


@pytest.fixture
def bolt(digest_demo: Any) -> Iterator[tuple[App, FakeSlack]]:
    with FakeSlack(not_in_channels={"C0NOTIN"}) as slack:
        services = build_services(digest_demo[0], clock=lambda: NOW)
        yield build_app(services, SECRET, WebClient(token="xoxb-test", base_url=slack.api_url)), slack


def ask(app: App, slack: FakeSlack, text: str, user: str = "U0MANAGER", channel: str = "C0CXDEMO") -> dict[str, Any]:
    seen = len(slack.calls_to("response_url"))
    body = slash_command_body(text, slack.response_url(), user_id=user, channel_id=channel)
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    return slack.wait_for("response_url", seen + 1)[-1].body


def test_cx_digest_answers_the_asker_with_the_chart_in_their_dm(bolt: Any, digest: Digest) -> None:
    app, slack = bolt
    reply = ask(app, slack, "digest")
    text = all_text(reply)
    assert reply["response_type"] == "ephemeral" and "CX digest: all journeys" in text
    assert f"{digest.score.now:.2f}" in text and "Worth a manual QA review" in text
    slack.wait_for("files.completeUploadExternal")  # the chart follows the text answer
    [upload] = slack.uploads()
    assert upload.channel == "D0U0MANAGER" and upload.content.startswith(b"\x89PNG")

    opened = button(reply, "Open case")
    body = block_action_body(
        opened["action_id"], opened["value"], slack.response_url("act"), block_id=opened["block_id"]
    )
    assert app.dispatch(BoltRequest(body=body, headers=dict(signed_headers(body, SECRET)))).status == 200
    case = slack.wait_for("response_url", 2)[-1].body
    assert case["replace_original"] is False and case["response_type"] == "ephemeral"
    assert case["blocks"][0]["text"]["text"] == f"Case {digest.review[0].case_id}"


def test_cx_digest_share_posts_in_the_channel_and_refuses_leads_and_absent_channels(bolt: Any) -> None:
    app, slack = bolt
    assert "Posted the digest in this channel" in all_text(ask(app, slack, "digest last-week share", channel="C0TEAM"))
    [post] = posts_to(slack, "C0TEAM")
    assert post["text"].startswith("CX digest, all journeys, 16 Nov – 22 Nov 2026")
    slack.wait_for("files.completeUploadExternal")  # the chart follows in the thread, after the answer
    assert slack.uploads()[0].channel == "C0TEAM"
    assert "for managers" in all_text(ask(app, slack, "digest", user="U0LEAD"))
    assert "invite me first" in all_text(ask(app, slack, "digest share", channel="C0NOTIN"))
    assert "I don't know the range" in all_text(ask(app, slack, "digest next-week"))
