"""`cx shadow start | stop | status | report`: a candidate version beside the active one, on
live traffic and on history, compared on the same conversations and against labels."""

from __future__ import annotations

import argparse
import getpass
import math
import time
from collections import Counter
from datetime import UTC, date, datetime

from cx.calibration.agreement import Agreement
from cx.calibration.report import CalibrationReport
from cx.calibration.shadow import Shadow, ShadowPlan
from cx.calibration.shadow_history import BATCH, HistoryProgress, shadow_history
from cx.calibration.shadow_report import ShadowReport, shadow_report
from cx.config import Settings, calibration_policy
from cx.domain.evaluation import Evaluation
from cx.ranges import RangeError, parse_range
from cx.scoring.versions import title as version_title
from cxcli.local_env import open_backend

ROWS = (
    ("kappa", "kappa"),
    ("exact", "exact"),
    ("within_one", "within one"),
    ("spearman", "Spearman"),
    ("f1", "poor F1"),
)


def _f(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.2f}"


def _pairs(
    shadows: list[Evaluation], active: dict[str, Evaluation], candidate: str | None
) -> list[tuple[Evaluation, Evaluation]]:
    """(active, candidate) evaluations of the same conversations: the candidate by version name (default:
    the version with most shadow evaluations), its latest evaluation of each; the active side one version."""
    if candidate:
        shadows = [e for e in shadows if version_title(e.scorer) == candidate or e.scorer.name == candidate]
    if not shadows:
        return []
    version = Counter(e.scorer.label for e in shadows).most_common(1)[0][0]
    latest: dict[str, Evaluation] = {}
    for e in shadows:
        if e.scorer.label == version and (
            e.conversation_id not in latest or e.evaluated_at > latest[e.conversation_id].evaluated_at
        ):
            latest[e.conversation_id] = e
    pairs = [(active[cid], e) for cid, e in latest.items() if cid in active and active[cid].scorer != e.scorer]
    if not pairs:
        return []
    active_version = Counter(a.scorer.label for a, _ in pairs).most_common(1)[0][0]
    return [(a, c) for a, c in pairs if a.scorer.label == active_version]


def print_shadow(report: ShadowReport) -> None:
    b = report.between
    print(f"Shadow: {report.candidate}\n  against the active {report.active} on the same {b.n} conversations")
    print(
        f"  exact {b.exact:.0%} · within one {b.within_one:.0%} · kappa {_f(b.kappa)} · Spearman {_f(b.spearman)} · "
        f"mean difference {b.bias:+.2f} (candidate − active)"
    )
    if report.active_vs_humans is None or report.candidate_vs_humans is None:
        print("  No human labels on these conversations yet: rate some (Rate this) or `cx labels import`.")
        return
    sides: list[tuple[str, CalibrationReport]] = [
        ("active", report.active_vs_humans),
        ("candidate", report.candidate_vs_humans),
    ]
    reference: Agreement | None = report.active_vs_humans.reference
    print(f"\nAgainst human labels ({report.active_vs_humans.overall.n} labelled conversations)")
    print(f"  {'':<12} {'active':>9} {'candidate':>10} {'human ref':>10}")
    for name, title in ROWS:
        values = [_f(side.overall.metric(name)) for _, side in sides]
        print(f"  {title:<12} {values[0]:>9} {values[1]:>10} {_f(reference.metric(name)) if reference else '–':>10}")
    for label, side in sides:
        verdicts = ", ".join(f"{v.target.metric} {'PASS' if v.passed else 'FAIL'}" for v in side.verdicts)
        print(f"  {label}: {verdicts}")


def workspace_settings(stack_settings: Settings) -> Settings:
    """The deploy settings with the workspace configuration (time zone, Claude model), read without writing it."""
    from cx.bootstrap import with_workspace, workspace_config

    workspace = workspace_config(stack_settings, lambda: datetime.now(UTC))
    return with_workspace(stack_settings, workspace) if workspace is not None else stack_settings


def _since(text: str, settings: Settings) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_range(text, datetime.now(UTC), settings.timezone).start
    except RangeError as problem:
        raise ValueError(f"--since {text!r}: a day (YYYY-MM-DD) or a range such as last-30d ({problem})") from None


def shadow(args: argparse.Namespace) -> int:
    return {"start": start, "stop": stop, "status": status, "report": report}[args.action](args)


def start(args: argparse.Namespace) -> int:
    """Record the shadow plan (live traffic from now on), then score the sampled history with progress."""
    from cx.bootstrap import build_active_scorer, build_shadow_plans, build_stores, build_version_scorer

    if not args.version:
        raise ValueError("which version? cx shadow start VERSION [--share S] [--since DATE] (names: cx scorer list)")
    if not 0 < args.share <= 1:
        raise ValueError(f"--share {args.share}: a share of conversations above 0 and at most 1, e.g. 0.2")
    with open_backend() as stack:
        settings = workspace_settings(stack.settings)
        plans = build_shadow_plans(settings)
        if plans is None:
            raise ValueError("set CX_CONFIG_TABLE: the shadow plan is kept in the config table")
        candidate = build_version_scorer(settings, args.version)
        if candidate.info == build_active_scorer(settings).info:
            raise ValueError(f"{args.version} is the active version; shadow a candidate instead")
        since = _since(args.since, settings) if args.since else None
        plan = ShadowPlan(
            version=args.version, share=args.share, since=since, by=args.by or getpass.getuser(), at=datetime.now(UTC)
        )
        plans.start(plan)
        print(f"Shadowing {plan.describe()}: live traffic from now on, unpublished, never in the aggregates.")
        if since is None:
            return 0
        stores, tz = build_stores(settings), settings.timezone
        started = time.monotonic()

        def progress(p: HistoryProgress) -> None:
            if p.sampled % 200 < BATCH:
                print(f"  … {p.line()} ({time.monotonic() - started:.0f}s)", flush=True)

        done = shadow_history(
            stores.conversations.scan_conversations(),
            Shadow(candidate, plan.share),
            since,
            day_of=lambda c: (c.when or plan.at).astimezone(tz).date(),
            already_scored=stores.evaluations.existing,
            put=stores.evaluations.put_evaluations,
            clock=lambda: datetime.now(UTC),
            progress=progress,
        )
    print(f"History since {since:%Y-%m-%d}: {done.line()} in {time.monotonic() - started:.1f}s")
    if done.failures:
        print(f"  failed (kept unscored): {', '.join(done.failures)}")
    if done.stopped:
        print(f"  stopped early: {done.stopped}; run the same command again to go on where it stopped")
        return 1
    print("  Compare: cx shadow report")
    return 0


def stop(args: argparse.Namespace) -> int:
    from cx.bootstrap import build_shadow_plans

    with open_backend() as stack:
        plans = build_shadow_plans(stack.settings)
        plan = plans.current() if plans else None
        if plans is None or plan is None:
            print("No version is shadowing.")
            return 0
        plans.stop()
    print(f"Stopped shadowing {plan.version}; its evaluations stay for `cx shadow report`.")
    return 0


def status(args: argparse.Namespace) -> int:
    from cx.bootstrap import build_shadow_plans

    with open_backend() as stack:
        plans = build_shadow_plans(stack.settings)
        plan = plans.current() if plans else None
        env = stack.settings.shadow_scorer
    if plan is not None:
        print(f"Shadowing {plan.describe()}")
    elif env:
        print(f"Shadowing {env} on {stack.settings.shadow_share:.0%} of live traffic (CX_SHADOW_SCORER)")
    else:
        print("No version is shadowing: cx shadow start VERSION [--share S] [--since DATE]")
    return 0


def report(args: argparse.Namespace) -> int:
    from cx.bootstrap import build_label_store, build_shadow_plans, build_stores

    with open_backend() as stack:
        stores = build_stores(stack.settings)
        plans = build_shadow_plans(stack.settings)
        plan = plans.current() if plans else None
        wanted = args.version or args.version_option or (plan.version if plan else None)
        shadows = list(stores.evaluations.shadow_evaluations())
        current = stores.conversations.current({e.conversation_id for e in shadows})
        active = {cid: s.evaluation for cid, s in current.items() if s.evaluation is not None}
        pairs = _pairs(shadows, active, wanted)
        ids = {a.conversation_id for a, _ in pairs}
        labels = []
        if stack.settings.labels_table:
            labels = [x for x in build_label_store(stack.settings).scan_labels() if x.conversation_id in ids]
    if not pairs:
        which = f" of {wanted}" if wanted else ""
        print(f"No shadow evaluations{which} yet: `cx shadow start VERSION --since last-30d` scores some.")
        return 1
    print_shadow(shadow_report(pairs, labels, calibration_policy()))
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    shadow_parser = sub.add_parser("shadow", help="a candidate scorer version shadowing the active one")
    shadow_parser.add_argument("action", choices=["start", "stop", "status", "report"])
    shadow_parser.add_argument(
        "version", nargs="?", help="the candidate version (start; report: default the shadowing one)"
    )
    shadow_parser.add_argument(
        "--share", type=float, default=0.2, help="share of conversations it scores (default 0.2)"
    )
    shadow_parser.add_argument("--since", help="also score stored history from this day, e.g. 2026-11-01 or last-30d")
    shadow_parser.add_argument("--by", help="who starts it (default: your login name)")
    shadow_parser.add_argument("--scorer", dest="version_option", help=argparse.SUPPRESS)
