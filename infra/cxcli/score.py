"""`cx score FILE [--out evaluations.jsonl]`: score a conversations file without storing anything."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from cx.domain.evaluation import Evaluation
from cx.importers.files import load
from cxcli.calibrate import SCORERS, scorer_named


def add_parser(sub: Any) -> None:
    score = sub.add_parser("score", help="score a JSONL or CSV file (as cx ingest reads it), store nothing")
    score.add_argument("file")
    score.add_argument("--out", help="write one evaluation a line here (default: standard output)")
    score.add_argument("--scorer", default="offline", help=f"one of {', '.join(SCORERS)} (default offline)")


def evaluation_line(evaluation: Evaluation) -> dict[str, Any]:
    """What one line of the output holds: the score, the value before rounding, parts, reasons, who, how sure."""
    return {
        "conversation_id": evaluation.conversation_id,
        "cx_score": evaluation.cx_score,
        "raw_score": evaluation.raw_score,
        "sub_scores": evaluation.sub_scores.model_dump(mode="json"),
        "reasons": [reason.model_dump(mode="json") for reason in evaluation.reasons],
        "scorer": evaluation.scorer.model_dump(mode="json") | {"label": evaluation.scorer.label},
        "confidence": evaluation.confidence,
        "needs_review": evaluation.needs_review,
        "flags": evaluation.flags,
        "language": evaluation.language,
        "content_hash": evaluation.content_hash,
    }


def run(args: argparse.Namespace) -> int:
    scorer = scorer_named(args.scorer)
    result = load(Path(args.file))
    for reject in result.rejects[:10]:
        print(f"  line {reject.line}: {reject.reason}", file=sys.stderr)
    now = datetime.now(UTC)
    if args.out:
        target = Path(args.out)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as handle:
            review = _write(result.accepted, scorer, now, handle)
    else:
        review = _write(result.accepted, scorer, now, sys.stdout)
    where = f" to {args.out}" if args.out else ""
    print(
        f"{len(result.accepted)} conversations scored by {scorer.info.label}{where}, {review} need a human look; "
        f"{len(result.rejects)} rejected",
        file=sys.stderr,
    )
    return 1 if result.rejects else 0


def _write(conversations: Any, scorer: Any, now: datetime, out: TextIO) -> int:
    review = 0
    for conversation in conversations:
        evaluation = scorer.score(conversation, now)
        review += evaluation.needs_review
        out.write(json.dumps(evaluation_line(evaluation), ensure_ascii=False) + "\n")
    return review
