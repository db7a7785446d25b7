"""`cx`: the command line for the local stack and the operator.

Each command's module is imported only when that command runs (``COMMANDS``): a `cx local down` or a
`cx digest list` does not import the scorer, the Bolt app and every other command (about 1 s of CPU a process).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

USAGE = """examples:
  cx demo                                   load demo data, score it, answer /cx journey billing last-week
  cx ingest conversations.jsonl             load, score and aggregate a JSONL or CSV file
  cx score conversations.jsonl --out evaluations.jsonl   score a file, store nothing (one evaluation a line)
  cx redrive .cx/rejects/conversations.jsonl.rejects.jsonl   re-load rejected records after fixing them
  cx slash "/cx journey billing last-week"  answer a slash command from what is stored
  cx costs last-month                       model tokens and cost per day (Claude; the offline scorer is free)
  cx rebuild [--apply]                      recompute aggregates from raw evaluations, report differences
  cx local up|down|status                   DynamoDB Local, data kept under .cx/dynamodb
  cx serve                                  Socket Mode in a real workspace (SLACK_APP_TOKEN, SLACK_BOT_TOKEN)
  cx doctor --stack NAME                    is the deployed stack ready? each failed check says how to fix it
  cx slack-manifest --stack NAME            the Slack app manifest with the stack's request URL
  cx labels import labels.csv               store human labels (CSV/JSONL, several reviewers each)
  cx calibrate ../shared/data/uss-sgd.jsonl --split held-out   agreement with human labels vs targets
  cx scorer create offline-w2 --kind offline weights.sentiment=3   a new scorer version (cx scorer list|show)
  cx shadow start offline-w2 --share 0.2 --since last-30d   shadow a version on live traffic and history
  cx shadow report                          the shadowing version vs the active one and vs human labels
  cx promote VERSION --by alice             make VERSION the active scorer, recorded (no VERSION: the history)
  cx backfill history.jsonl                 score a historical load with Claude's Message Batches API
  cx drift                                  last week's drift summary and the channel it goes to (or nowhere)
  cx digest --preview [--range last-week]   the weekly digest's blocks and chart under .cx/out/
  cx digest subscribe --channel C0123ABCD --journeys billing,orders --day mon --hour 9 --timezone Europe/Berlin
  cx roles set --manager U0MANAGER --lead U0LEAD=payments --agent U0AGENT01=U0AGENT01   who sees what
  cx config set pass_threshold=3 journey.billing.aliases=invoices   change the workspace configuration (recorded)
  cx purge --customer C-1042 [--apply]      remove one customer's conversations, evaluations and labels
  cx migrate by-day [--apply]               after an upgrade: by_day index keys on older items (resumable)
  cx import zendesk --since 2026-01-01       a help desk's history (zendesk, intercom), resumable; docs/helpdesks.md
  cx workspace ingest-key issue --workspace T0123ABCD   a workspace's own ingest key (several workspaces installed)
  cx workspace helpdesk --workspace T0123ABCD < secrets.json   its help-desk signing secrets and API tokens
"""


SLUG_MAX = 80  # file names stay far below the 255 bytes filesystems allow, however long the command


def slug(text: str) -> str:
    """A file name for ``text``: long ones are cut and keep a short hash, so two long commands stay apart."""
    name = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "reply"
    if len(name) <= SLUG_MAX:
        return name
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{name[: SLUG_MAX - 9].rstrip('-')}-{digest}"


if TYPE_CHECKING:
    Parsers = argparse._SubParsersAction[argparse.ArgumentParser]


@dataclass(frozen=True)
class Command:
    """Where a command lives: ``module`` is imported only to run it (or to list every command's help)."""

    module: str
    handler: str  # the function in ``module`` that runs it: (args) -> exit code
    arguments: str = "add_parser"  # the function in ``module`` that declares its parser; "" if declared below


def _demo(sub: Parsers) -> None:
    demo = sub.add_parser("demo", help="run the whole job on demo data and print a journey report")
    demo.add_argument("--days", type=int, default=90)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--persist", action="store_true", help="load into the on-disk store (.cx/dynamodb)")
    demo.add_argument(
        "--command", dest="slash_command", default="/cx journey billing last-week", help="the slash command to answer"
    )


def _ingest(sub: Parsers) -> None:
    ingest = sub.add_parser("ingest", help="load, score and aggregate conversations from JSONL or CSV")
    ingest.add_argument("file")
    ingest.add_argument("--rejects", help="where to write rejected records (default .cx/rejects/<file>.jsonl)")
    ingest.add_argument("--workspace", help="the installed workspace (T… or E…) to store them in")


def _redrive(sub: Parsers) -> None:
    redrive = sub.add_parser("redrive", help="load the records of a rejects file again, after fixing them")
    redrive.add_argument("file")
    redrive.add_argument("--rejects", help="where to write records rejected again")
    redrive.add_argument("--workspace", help="the installed workspace (T… or E…) to store them in")


def _slash(sub: Parsers) -> None:
    slash = sub.add_parser("slash", help="answer a slash command from what is stored")
    slash.add_argument("text", help='e.g. "/cx journey billing last-week"')
    slash.add_argument("--user", default="U0MANAGER", help="the Slack user id asking")


def _costs(sub: Parsers) -> None:
    costs = sub.add_parser("costs", help="model tokens and dollars per day, from every stored evaluation")
    costs.add_argument("range", nargs="?", default="last-30d", help="e.g. last-30d, last-month, 2026-11-01..2026-11-15")


def _rebuild(sub: Parsers) -> None:
    rebuild = sub.add_parser("rebuild", help="recompute every aggregate from raw evaluations")
    rebuild.add_argument("--apply", action="store_true", help="overwrite stored aggregates that differ")


def _doctor(sub: Parsers) -> None:
    doctor = sub.add_parser("doctor", help="check a deployed stack: endpoint, tables, secrets, Slack token, scorer")
    doctor.add_argument("--stack", required=True)
    doctor.add_argument("--region")


def _serve(sub: Parsers) -> None:
    sub.add_parser("serve", help="answer /cx in your Slack workspace over Socket Mode, from the local store")


def _slack_manifest(sub: Parsers) -> None:
    manifest = sub.add_parser("slack-manifest", help="print the Slack app manifest for a deployed stack")
    where = manifest.add_mutually_exclusive_group(required=True)
    where.add_argument("--stack", help="the CloudFormation stack name given to sam deploy")
    where.add_argument("--url", help="the Slack request URL, if you have it already")
    manifest.add_argument("--region", help="the stack's AWS region (default: your AWS configuration)")


def _backfill(sub: Parsers) -> None:
    from cxcli.backfill import add_arguments

    add_arguments(
        sub.add_parser("backfill", help="score a large historical load with Claude, resumable (Message Batches API)")
    )


def _local(sub: Parsers) -> None:
    local = sub.add_parser("local", help="DynamoDB Local with data kept on disk")
    local.add_argument("action", choices=["up", "down", "status"])


def _labels(sub: Parsers) -> None:
    labels = sub.add_parser("labels", help="human labels")
    labels.add_argument("action", choices=["import"])
    labels.add_argument("file", help="CSV (conversation_id,reviewer,score[,reason,labelled_at]) or JSONL")


def _calibrate(sub: Parsers) -> None:
    calibrate = sub.add_parser("calibrate", help="agreement of a scorer with human labels, against the targets")
    calibrate.add_argument("labels", nargs="?", help="a labels file; labelled conversations are scored on the fly")
    calibrate.add_argument("--scorer", help="the scorer to measure (default: the current evaluations / offline)")
    calibrate.add_argument("--split", default="all", choices=["all", "held-out", "tuning"])


_DECLARED_HERE: dict[str, Callable[[Parsers], None]] = {
    "demo": _demo,
    "ingest": _ingest,
    "redrive": _redrive,
    "slash": _slash,
    "costs": _costs,
    "rebuild": _rebuild,
    "doctor": _doctor,
    "serve": _serve,
    "slack-manifest": _slack_manifest,
    "backfill": _backfill,
    "local": _local,
    "labels": _labels,
    "calibrate": _calibrate,
}

# In the order `cx --help` lists them.
COMMANDS: dict[str, Command] = {
    "demo": Command("cxcli.commands", "demo", ""),
    "ingest": Command("cxcli.commands", "ingest", ""),
    "redrive": Command("cxcli.commands", "ingest", ""),
    "slash": Command("cxcli.commands", "slash", ""),
    "costs": Command("cxcli.commands", "costs", ""),
    "rebuild": Command("cxcli.commands", "rebuild", ""),
    "doctor": Command("cxcli.commands", "doctor", ""),
    "serve": Command("cxcli.commands", "serve", ""),
    "slack-manifest": Command("cxcli.commands", "slack_manifest", ""),
    "backfill": Command("cxcli.backfill", "run", ""),
    "roles": Command("cxcli.roles", "roles"),
    "local": Command("cxcli.commands", "local", ""),
    "labels": Command("cxcli.calibrate", "import_labels", ""),
    "calibrate": Command("cxcli.calibrate", "calibrate", ""),
    "score": Command("cxcli.score", "run"),
    "shadow": Command("cxcli.shadow", "shadow", "add_parsers"),
    "import": Command("cxcli.helpdesk_import", "import_history"),
    "promote": Command("cxcli.promote", "promote"),
    "scorer": Command("cxcli.scorer", "scorer"),
    "drift": Command("cxcli.drift", "drift"),
    "purge": Command("cxcli.purge", "purge"),
    "migrate": Command("cxcli.migrate", "migrate"),
    "config": Command("cxcli.workspace", "config"),
    "digest": Command("cxcli.digest", "run"),
    "workspace": Command("cxcli.workspace_admin", "workspace"),
}


def _function(module: str, name: str) -> Callable[..., Any]:
    return cast(Callable[..., Any], getattr(importlib.import_module(module), name))


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for ``only`` (its module alone is imported), or for every command (help, unknown ones)."""
    parser = argparse.ArgumentParser(prog="cx", epilog=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        if only is not None and name != only:
            continue
        if command.arguments:
            _function(command.module, command.arguments)(sub)
        else:
            _DECLARED_HERE[name](sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    parser = _parser(words[0] if words and words[0] in COMMANDS else None)
    args, extra = parser.parse_known_args(words)
    if extra and args.command == "scorer" and all("=" in word and not word.startswith("-") for word in extra):
        args.params += extra  # key=value after an option: `cx scorer create NAME --kind K key=value`
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    command = COMMANDS[args.command]
    try:
        return int(_function(command.module, command.handler)(args))
    except (FileNotFoundError, ValueError, LookupError) as exc:  # ConfigError is a ValueError
        print(f"cx {args.command}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from cx.ports import ConflictError

        if not isinstance(exc, ConflictError):
            raise
        # another load holds the aggregates: nothing was written, run it again later
        print(f"cx {args.command}: {exc}", file=sys.stderr)
        return 3


def now_local() -> datetime:
    return datetime.now().astimezone()


if __name__ == "__main__":
    sys.exit(main())
