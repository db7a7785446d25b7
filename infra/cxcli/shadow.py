"""`cx shadow report` and `cx promote`: a candidate scorer against the active one, and the explicit switch."""

from __future__ import annotations

import argparse
import getpass
import math
from collections import Counter
from datetime import UTC, datetime

from cx.calibration.agreement import Agreement
from cx.calibration.promotion import Promotion
from cx.calibration.report import CalibrationReport
from cx.calibration.shadow_report import ShadowReport, shadow_report
from cx.config import calibration_policy
from cx.domain.evaluation import Evaluation
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
    if candidate:
        shadows = [e for e in shadows if e.scorer.name == candidate]
    if not shadows:
        return []
    version = Counter(e.scorer.label for e in shadows).most_common(1)[0][0]
    latest: dict[str, Evaluation] = {}
    for e in shadows:
        if e.scorer.label == version and (
            e.conversation_id not in latest or e.evaluated_at > latest[e.conversation_id].evaluated_at
        ):
            latest[e.conversation_id] = e
    pairs = [(active[cid], e) for cid, e in latest.items() if cid in active]
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


def report(args: argparse.Namespace) -> int:
    from cx.bootstrap import build_label_store, build_stores

    with open_backend() as stack:
        stores = build_stores(stack.settings)
        shadows = list(stores.evaluations.shadow_evaluations())
        current = stores.conversations.current({e.conversation_id for e in shadows})
        active = {cid: s.evaluation for cid, s in current.items() if s.evaluation is not None}
        pairs = _pairs(shadows, active, args.scorer)
        ids = {a.conversation_id for a, _ in pairs}
        labels = []
        if stack.settings.labels_table:
            labels = [x for x in build_label_store(stack.settings).scan_labels() if x.conversation_id in ids]
    if not pairs:
        print("No shadow evaluations yet: set CX_SHADOW_SCORER (and CX_SHADOW_SHARE) and score some traffic.")
        return 1
    print_shadow(shadow_report(pairs, labels, calibration_policy()))
    return 0


def promote(args: argparse.Namespace) -> int:
    from cx.bootstrap import build_promotions
    from cx.config import SCORERS

    with open_backend() as stack:
        store = build_promotions(stack.settings)
        if args.scorer is None:
            history = store.history()
            for promotion in history:
                print(promotion.describe() + (f" ({promotion.note})" if promotion.note else ""))
            print(
                "" if history else f"No promotion recorded; the active scorer is {stack.settings.scorer} (CX_SCORER)."
            )
            return 0
        if args.scorer not in SCORERS:
            raise ValueError(f"unknown scorer {args.scorer!r}: available scorers are {', '.join(SCORERS)}")
        held = store.active()
        previous = held.scorer if held else stack.settings.scorer
        if previous == args.scorer:
            print(f"{args.scorer} is already the active scorer; nothing recorded.")
            return 1
        promotion = Promotion(scorer=args.scorer, previous=previous, by=args.by, at=datetime.now(UTC), note=args.note)
        store.record(promotion)
    print(f"Promoted: {promotion.describe()}")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    shadow = sub.add_parser("shadow", help="a candidate scorer shadowing the active one")
    shadow.add_argument("action", choices=["report"])
    shadow.add_argument("--scorer", help="the candidate scorer's name (default: the one with most shadow evaluations)")
    promote_parser = sub.add_parser("promote", help="make a scorer the active one, recording who, when, from and to")
    promote_parser.add_argument("scorer", nargs="?", help="the scorer to make active; omit to list the promotions")
    promote_parser.add_argument("--by", default=getpass.getuser(), help="who promotes (default: your user name)")
    promote_parser.add_argument("--note", help="why, for the record")
