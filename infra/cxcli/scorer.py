"""`cx scorer create | list | show`: scorer versions an operator makes without a code change."""

from __future__ import annotations

import argparse
import getpass
from datetime import UTC, datetime

from cx.scoring.kinds import KINDS, parse_params, validate
from cx.scoring.versions import InvalidVersion, ScorerVersion, builtin_versions, check_name
from cxcli.local_env import open_backend

KINDS_HELP = "\n".join(f"  {name:<8} {kind.help}" for name, kind in sorted(KINDS.items()))


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scorer = sub.add_parser(
        "scorer",
        help="scorer versions: create one (kind + parameters), list them, show one",
        epilog=f"kinds:\n{KINDS_HELP}\n\nexample:\n  cx scorer create offline-w2 --kind offline weights.sentiment=3 "
        "cuts=1.5,2.4,3.4,4.4 --note 'more weight on sentiment'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scorer.add_argument("action", choices=["create", "list", "show"])
    scorer.add_argument("name", nargs="?", help="the version's name (create, show)")
    scorer.add_argument("params", nargs="*", metavar="KEY=VALUE", help="the kind's parameters (create)")
    scorer.add_argument("--kind", help="the scorer kind (create): " + ", ".join(sorted(KINDS)))
    scorer.add_argument("--by", help="who creates it (default: your login name)")
    scorer.add_argument("--note", help="why, for the record")


def make_version(args: argparse.Namespace, now: datetime) -> ScorerVersion:
    if not args.name:
        raise InvalidVersion("give the new version a name: cx scorer create NAME --kind KIND key=value …")
    if not args.kind:
        raise InvalidVersion(f"say which kind it is: --kind {' or --kind '.join(sorted(KINDS))}")
    params = validate(args.kind, parse_params(args.params))
    return ScorerVersion(
        name=check_name(args.name),
        kind=args.kind,
        params=params,
        created_by=args.by or getpass.getuser(),
        created_at=now,
        note=args.note,
    )


def scorer(args: argparse.Namespace) -> int:
    from cx.bootstrap import (
        build_promotions,
        build_shadow_plans,
        build_version_scorer,
        build_version_store,
        scorer_overview,
    )

    with open_backend() as backend:
        settings = backend.settings
        store = build_version_store(settings)
        if args.action == "create":
            if store is None:
                raise InvalidVersion("set CX_CONFIG_TABLE: created versions are kept in the config table")
            version = make_version(args, datetime.now(UTC))
            store.create(version)
            print(f"Created {version.describe()}")
            print(f"  Next: `cx shadow start {version.name} --since last-30d`, then `cx shadow report`.")
            return 0
        if args.action == "list":
            print("Scorer versions (* active, ~ shadowing):")
            print("\n".join(f" {line}" for line in scorer_overview(settings)))
            return 0
        builtins = builtin_versions(settings.claude.model if settings.claude else None)
        created = store.all() if store is not None else []
        promotions = build_promotions(settings) if settings.config_table else None
        held = promotions.active() if promotions else None
        active = held.scorer if held else settings.scorer
        plans = build_shadow_plans(settings)
        plan = plans.current() if plans else None
        if not args.name:
            raise InvalidVersion("which version? cx scorer show NAME (names: cx scorer list)")
        wanted = next((v for v in [*builtins, *created] if v.name == args.name), None)
        if wanted is None:
            names = ", ".join(v.name for v in [*builtins, *created])
            raise InvalidVersion(f"no scorer version `{args.name}`; versions are: {names}")
        print(wanted.describe())
        try:
            info = build_version_scorer(settings, wanted.name).info
            print(f"  evaluations carry: {info.label}")
        except InvalidVersion as problem:
            print(f"  cannot run here: {problem}")
        state = "active" if wanted.name == active else "shadowing" if plan and plan.version == wanted.name else "idle"
        print(f"  now: {state}")
        for promotion in promotions.history() if promotions else []:
            if wanted.name in (promotion.scorer, promotion.previous):
                print(f"  promoted: {promotion.describe()}")
    return 0
