"""`cx import zendesk|intercom --since DATE [--workspace T…]`: a help desk's history through the same pipeline,
resumable.

Credentials from the environment: CX_ZENDESK_SUBDOMAIN (or CX_ZENDESK_URL), CX_ZENDESK_EMAIL,
CX_ZENDESK_API_TOKEN; CX_INTERCOM_ACCESS_TOKEN (CX_INTERCOM_URL for another API host). With --workspace (a
deploy several workspaces installed), the conversations are stored in that workspace with its own help-desk
API token, read from its secret (CX_WORKSPACE_SECRETS_PREFIX, `cx workspace helpdesk`), never from the
environment: one workspace's token cannot fill another's history. The cursor and the running totals are kept
in .cx/import/[<workspace>/]<vendor>.json; CX_IMPORT_PAGE_INTERVAL (seconds) spaces the pages (default 6 for
Zendesk, whose incremental export allows 10 requests a minute; 0 for Intercom).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import boto3

from cx.adapters.helpdesk_wiring import sources
from cx.adapters.workspace_secrets import API, WorkspaceSecrets
from cx.bootstrap import build_pipeline, workspace_config
from cx.config import ConfigError, Settings
from cx.domain.conversation import Conversation
from cx.helpdesks.history import Progress, run
from cx.helpdesks.ports import HelpdeskApiError
from cx.importers.files import write_rejects
from cx.importers.result import Reject
from cxcli.local_env import open_backend, state_dir
from cxcli.workspace_admin import PREFIX_ENV, scoped

PAGE_INTERVAL = {"zendesk": 6.0, "intercom": 0.0}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("import", help="import a help desk's history (Zendesk, Intercom), resumable")
    parser.add_argument("vendor", choices=["zendesk", "intercom"])
    parser.add_argument("--since", required=True, help="the first day, e.g. 2026-01-01 (UTC)")
    parser.add_argument("--restart", action="store_true", help="forget the saved cursor and start from --since")
    parser.add_argument("--workspace", help="the installed workspace (T… or E…): its namespace and its help desk")


def _workspace_secret(workspace: str) -> dict[str, str]:
    """The workspace's help-desk API secret; a clear error when it is not there."""
    prefix = os.environ.get(PREFIX_ENV)
    if not prefix:
        raise ConfigError(f"--workspace: set {PREFIX_ENV} (the stack's WorkspaceSecretsPrefix output)")
    client = boto3.client("secretsmanager")
    read = WorkspaceSecrets(prefix, lambda name: json.loads(client.get_secret_value(SecretId=name)["SecretString"]))
    found = read.get(workspace, API)
    if found is None:
        raise ConfigError(f"{workspace} has no help-desk API secret: cx workspace helpdesk --workspace {workspace}")
    return {k: str(v) for k, v in found.items()}


def _secret() -> dict[str, str]:
    env = os.environ
    return {
        "intercom_access_token": env.get("CX_INTERCOM_ACCESS_TOKEN", ""),
        "intercom_base_url": env.get("CX_INTERCOM_URL", ""),
        "zendesk_subdomain": env.get("CX_ZENDESK_SUBDOMAIN", ""),
        "zendesk_base_url": env.get("CX_ZENDESK_URL", ""),
        "zendesk_email": env.get("CX_ZENDESK_EMAIL", ""),
        "zendesk_api_token": env.get("CX_ZENDESK_API_TOKEN", ""),
    }


def _load(path: Path, since: str, restart: bool) -> Progress:
    if path.exists() and not restart:
        saved = json.loads(path.read_text())
        if saved.get("since") == since and not saved.get("done"):
            print(f"Resuming after page {saved['pages']} (cursor saved in {path}).")
            return Progress(**saved)
    return Progress(since=since)


def import_history(args: argparse.Namespace) -> int:
    try:
        since = datetime.fromisoformat(args.since).replace(tzinfo=UTC)
    except ValueError:
        print(f"--since {args.since!r}: give a date such as 2026-01-01", file=sys.stderr)
        return 2
    with open_backend() as stack:
        settings = scoped(stack, args.workspace)
        return _import(args, since, settings, stack.description)


def _import(args: argparse.Namespace, since: datetime, settings: Settings, storage: str) -> int:
    found = sources(_workspace_secret(settings.workspace) if settings.workspace else _secret())
    if (found.zendesk if args.vendor == "zendesk" else found.intercom) is None:
        need = "CX_ZENDESK_SUBDOMAIN, CX_ZENDESK_EMAIL and CX_ZENDESK_API_TOKEN" if args.vendor == "zendesk" else (
            "CX_INTERCOM_ACCESS_TOKEN")  # fmt: skip
        if settings.workspace:
            need = f"the {args.vendor} API values in {settings.workspace}'s secret (cx workspace helpdesk)"
        print(f"set {need} to import from {args.vendor} (see docs/helpdesks.md)", file=sys.stderr)
        return 2
    folder = state_dir() / "import" / settings.workspace if settings.workspace else state_dir() / "import"
    folder.mkdir(parents=True, exist_ok=True)
    cursor_file, rejects_file = folder / f"{args.vendor}.json", folder / f"{args.vendor}.rejects.jsonl"
    progress = _load(cursor_file, args.since, args.restart)
    interval = float(os.environ.get("CX_IMPORT_PAGE_INTERVAL", PAGE_INTERVAL[args.vendor]))
    kept: list[Reject] = []
    print(f"Storage: {storage}" + (f", workspace {settings.workspace}" if settings.workspace else ""))
    pipeline = build_pipeline(settings, lambda: datetime.now(UTC))
    workspace = workspace_config(settings, lambda: datetime.now(UTC))
    mapping = dict(workspace.helpdesk) if workspace else {}

    def sink(contacts: list[Conversation]) -> tuple[int, int]:
        report = pipeline.process(contacts)
        if report.failed:
            raise HelpdeskApiError(f"scoring failed: {report.failed[0].reason}")
        return report.received - report.unchanged - len(report.failed), report.unchanged

    def keep(rejects: list[Reject]) -> None:
        kept.extend(rejects)
        write_rejects(kept, rejects_file)

    try:
        run(args.vendor, since, found, mapping, progress, sink,
            save=lambda p: cursor_file.write_text(json.dumps(p.as_dict())), rejected=keep,
            between_pages=lambda: time.sleep(interval), report=lambda p: print(p.line(), flush=True))  # fmt: skip
    except HelpdeskApiError as exc:
        print(f"Stopped: {exc}. {progress.line()}. Run the same command again to resume.", file=sys.stderr)
        return 1
    print(f"Done: {progress.imported} imported, {progress.unchanged} already stored, {progress.open} still open "
          f"(skipped), {progress.rejected} rejected.")  # fmt: skip
    if kept:
        print(f"  rejected records kept in {rejects_file}: fix them there, then `cx redrive {rejects_file}`")
    return 1 if progress.rejected else 0
