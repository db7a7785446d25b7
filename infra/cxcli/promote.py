"""`cx promote VERSION`: the explicit, recorded switch of the active scorer version (no VERSION: the history)."""

from __future__ import annotations

import argparse
import getpass
from datetime import UTC, datetime

from cx.calibration.promotion import Promotion
from cx.config import ConfigError
from cx.scoring.versions import InvalidVersion
from cxcli.local_env import open_backend
from cxcli.shadow import workspace_settings


def promote(args: argparse.Namespace) -> int:
    from cx.aggregation.contribution import scorer_label
    from cx.bootstrap import (
        build_active_scorer,
        build_promotions,
        build_shadow_plans,
        build_version_scorer,
        scorer_version,
    )

    with open_backend() as stack:
        settings = workspace_settings(stack.settings)
        store = build_promotions(settings)
        if args.version is None:
            history = store.history()
            if history:
                print("Promotions, oldest first (from version → to version):")
            for promotion in history:
                labels = f" [{promotion.labels()}]" if promotion.to_label else ""
                print("  " + promotion.describe() + labels + (f" ({promotion.note})" if promotion.note else ""))
            print(
                "" if history else f"No promotion recorded; the active scorer is {stack.settings.scorer} (CX_SCORER)."
            )
            return 0
        held = store.active()
        previous = held.scorer if held else settings.scorer
        if previous == args.version:
            print(f"{args.version} is already the active version; nothing recorded.")
            return 1
        if args.version != "claude":  # the built-in claude exists wherever a model is configured
            scorer_version(settings, args.version)  # refuses a version that does not exist
        try:
            to_label: str | None = scorer_label(build_version_scorer(settings, args.version).info)
        except InvalidVersion as problem:
            to_label = None
            print(f"Warning: {args.version} cannot run with this environment's settings: {problem}")
        try:
            before: str | None = scorer_label(build_active_scorer(settings).info)
        except ConfigError:
            before = None
        promotion = Promotion(
            scorer=args.version,
            previous=previous,
            by=args.by,
            at=datetime.now(UTC),
            note=args.note,
            to_label=to_label,
            from_label=before,
        )
        store.record(promotion)
        plans = build_shadow_plans(settings)
        plan = plans.current() if plans else None
        if plans is not None and plan is not None and plan.version == args.version:
            plans.stop()
            print(f"Stopped shadowing {args.version}: it is the active version now.")
    print(f"Promoted: {promotion.describe()}")
    print("  Conversations scored from now on carry it; ◆ marks the change in /cx journey, /cx why and drift.")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    promote_parser = sub.add_parser("promote", help="make a version the active one, recording who, when, from and to")
    promote_parser.add_argument("version", nargs="?", help="the version to make active; omit to list the promotions")
    promote_parser.add_argument("--by", default=getpass.getuser(), help="who promotes (default: your user name)")
    promote_parser.add_argument("--note", help="why, for the record")
