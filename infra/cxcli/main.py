"""`cx`: the command line for the local stack and the operator."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime

from cx.config import ConfigError

USAGE = """examples:
  cx demo                                   load demo data, score it, answer /cx journey billing last-week
  cx ingest conversations.jsonl             load, score and aggregate a JSONL or CSV file
  cx redrive .cx/rejects/conversations.jsonl.rejects.jsonl   re-load rejected records after fixing them
  cx slash "/cx journey billing last-week"  answer a slash command from what is stored
  cx rebuild [--apply]                      recompute aggregates from raw evaluations, report differences
  cx local up|down|status                   DynamoDB Local, data kept under .cx/dynamodb
  cx roles set --manager U0MANAGER --lead U0LEAD=payments --agent U0AGENT01=U0AGENT01   who sees what
"""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "reply"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cx", epilog=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="run the whole job on demo data and print a journey report")
    demo.add_argument("--days", type=int, default=90)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--persist", action="store_true", help="load into the on-disk store (.cx/dynamodb)")
    demo.add_argument(
        "--command", dest="slash_command", default="/cx journey billing last-week", help="the slash command to answer"
    )
    ingest = sub.add_parser("ingest", help="load, score and aggregate conversations from JSONL or CSV")
    ingest.add_argument("file")
    ingest.add_argument("--rejects", help="where to write rejected records (default .cx/rejects/<file>.jsonl)")
    redrive = sub.add_parser("redrive", help="load the records of a rejects file again, after fixing them")
    redrive.add_argument("file")
    redrive.add_argument("--rejects", help="where to write records rejected again")
    slash = sub.add_parser("slash", help="answer a slash command from what is stored")
    slash.add_argument("text", help='e.g. "/cx journey billing last-week"')
    slash.add_argument("--user", default="U0MANAGER", help="the Slack user id asking")
    rebuild = sub.add_parser("rebuild", help="recompute every aggregate from raw evaluations")
    rebuild.add_argument("--apply", action="store_true", help="overwrite stored aggregates that differ")
    from cxcli.roles import add_parser as add_roles_parser

    add_roles_parser(sub)
    local = sub.add_parser("local", help="DynamoDB Local with data kept on disk")
    local.add_argument("action", choices=["up", "down", "status"])
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from cxcli import commands, roles

    handlers = {
        "demo": commands.demo,
        "ingest": commands.ingest,
        "redrive": commands.ingest,
        "slash": commands.slash,
        "rebuild": commands.rebuild,
        "local": commands.local,
        "roles": roles.roles,
    }
    try:
        return handlers[args.command](args)
    except (ConfigError, FileNotFoundError, ValueError) as exc:
        print(f"cx {args.command}: {exc}", file=sys.stderr)
        return 2


def now_local() -> datetime:
    return datetime.now().astimezone()


if __name__ == "__main__":
    sys.exit(main())
