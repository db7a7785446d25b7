"""`cx labels import` and `cx calibrate`: human labels in, agreement with them out."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from cx.calibration.label_files import LabelImport, load_labels
from cx.calibration.labels import Label
from cx.calibration.report import CalibrationReport, calibration_report
from cx.calibration.samples import Samples, from_storage, scored_on_the_fly
from cx.calibration.split import in_split
from cx.config import ConfigError, calibration_policy
from cx.scoring.port import Scorer
from cxbot.render.calibration import calibration_blocks
from cxbot.render.terminal import render
from cxcli.local_env import open_backend
from cxcli.progress import terminal_tracker

SCORERS = ("offline", "offline-v2", "offline-v3")


def scorer_named(name: str) -> Scorer:
    if name in SCORERS:
        from cx.scoring.versions import offline_scorer

        return offline_scorer(name)
    raise ConfigError(f"--scorer {name!r}: scorers that can score a labelled file here: {', '.join(SCORERS)}")


def _print_rejects(result: LabelImport) -> None:
    print(result.summary())
    for reject in result.rejects[:10]:
        print(f"  line {reject.line}: {reject.reason}")


def import_labels(args: argparse.Namespace) -> int:
    from cx.bootstrap import build_label_store

    result = load_labels(Path(args.file))
    _print_rejects(result)
    with open_backend() as stack:
        stored = build_label_store(stack.settings).put_labels(result.labels)
    print(f"{stored} labels stored ({stack.description})")
    return 1 if result.rejects else 0


def _stored(labels: list[Label] | None, scorer: str | None, split: str) -> Samples:
    from cx.bootstrap import build_label_store, build_stores

    with open_backend() as stack:
        stores = build_stores(stack.settings)
        if labels is None:
            labels = list(build_label_store(stack.settings).scan_labels())
        labels = [label for label in labels if in_split(label.conversation_id, split)]
        return from_storage(labels, stores.conversations, stores.evaluations, scorer)


def calibrate(args: argparse.Namespace) -> int:
    policy = calibration_policy()
    if args.labels:
        loaded = load_labels(Path(args.labels))
        _print_rejects(loaded)
        if loaded.conversations:  # a labelled file: score it now, store nothing
            chosen = [c for c in loaded.conversations if in_split(c.id, args.split)]
            scorer = scorer_named(args.scorer or "offline")
            samples = scored_on_the_fly(
                chosen, loaded.labels, scorer, datetime.now(UTC), terminal_tracker()("scoring", len(chosen))
            )
        else:
            samples = _stored(loaded.labels, args.scorer, args.split)
    else:
        samples = _stored(None, args.scorer, args.split)
    report = calibration_report(samples.scorer, samples.samples, policy, left_out=samples.left_out)
    print_report(report, args.split)
    return 0 if report.passed else 1


def print_report(report: CalibrationReport, split: str) -> None:
    print()
    if split != "all":
        print(f"(split: {split})")
    print(render([block.to_dict() for block in calibration_blocks(report)]))
