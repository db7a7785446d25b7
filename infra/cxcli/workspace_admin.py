"""`cx workspace ingest-key issue|list|revoke` and `cx workspace helpdesk`: an installed workspace's credentials.

An ingest key is printed once, when issued; only its SHA-256 is stored, beside the workspace's installation.
Help-desk secrets are read as a JSON object on standard input (never from the command line, which a shell
history keeps) into the workspace's two Secrets Manager secrets (docs/helpdesks.md).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import replace
from datetime import UTC, datetime

import boto3

from cx.adapters.dynamo.ingest_keys import DynamoIngestKeys
from cx.adapters.dynamo.installations import InstalledWorkspaces, build_installation_model
from cx.adapters.workspace_secrets import API, SIGNING, save, split
from cx.config import ConfigError, Settings
from cx.ingest_keys import issue
from cxcli.local_env import Backend, open_backend

PREFIX_ENV = "CX_WORKSPACE_SECRETS_PREFIX"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("workspace", help="an installed workspace's ingest keys and help-desk secrets")
    parser.add_argument("what", choices=["ingest-key", "helpdesk"])
    parser.add_argument("action", nargs="?", choices=["issue", "list", "revoke"], help="for ingest-key")
    parser.add_argument("key_id", nargs="?", help="for revoke: the key id (cx workspace ingest-key list)")
    parser.add_argument("--workspace", required=True, help="the Slack team id (T…), or E… for an org-wide install")
    parser.add_argument("--by", help="who issues the key (default: your login name)")


def _model(backend: Backend) -> type:
    if not backend.installations_table:
        raise ConfigError("set CX_INSTALLATIONS_TABLE (the stack's installations table, InstallationsTable)")
    settings = backend.settings
    return build_installation_model(backend.installations_table, settings.region, settings.dynamodb_endpoint)


def scoped(backend: Backend, asked: str | None) -> Settings:
    """The settings of the workspace a command writes to: ``asked`` (or CX_WORKSPACE), an installed one where
    workspaces have installed the app; none (the single workspace) where none has."""
    asked = asked or backend.settings.workspace
    if not backend.installations_table:
        if asked:
            raise ConfigError(f"--workspace {asked}: set CX_INSTALLATIONS_TABLE (the stack's InstallationsTable)")
        return backend.settings
    installed = {w.workspace for w in InstalledWorkspaces(_model(backend)).all()}
    if not installed and asked:
        raise ConfigError(f"--workspace {asked}: no workspace has installed the app here; run without --workspace")
    if installed and not asked:
        raise ConfigError(f"this deploy serves several workspaces ({', '.join(sorted(installed))}): add --workspace")
    if asked and asked not in installed:
        raise ConfigError(f"--workspace {asked} has not installed the app (Add to Slack: /slack/install)")
    return replace(backend.settings, workspace=asked or "")


def workspace(args: argparse.Namespace) -> int:
    with open_backend() as backend:
        ws = scoped(backend, args.workspace).workspace
        if not ws:
            raise ConfigError("--workspace: a Slack team id (T…) or enterprise id (E…)")
        if args.what == "helpdesk":
            return _helpdesk(ws)
        keys = DynamoIngestKeys(_model(backend))
        if args.action == "issue":
            issued = issue(ws, args.by or getpass.getuser(), datetime.now(UTC))
            keys.put(issued.record)
            print(f"Ingest key {issued.record.key_id} for {ws} (shown once; only its hash is kept):\n{issued.key}")
            print("Senders post to /ingest/workspace with `Authorization: Bearer <key>`.")
            return 0
        if args.action == "revoke":
            if not args.key_id:
                raise ConfigError("cx workspace ingest-key revoke KEY_ID --workspace …: which key (see list)")
            if not keys.delete(ws, args.key_id):
                print(f"{ws} has no ingest key {args.key_id} (cx workspace ingest-key list --workspace {ws})")
                return 1
            print(f"Revoked {args.key_id}: requests with it are refused from now on.")
            return 0
        found = keys.of(ws)
        for record in found:
            print(f"  {record.key_id}  issued {record.created_at:%Y-%m-%d %H:%M} UTC by {record.created_by}")
        print(f"{len(found)} ingest keys for {ws}" + ("" if found else ": issue one with `ingest-key issue`"))
        return 0


def _helpdesk(ws: str) -> int:
    prefix = os.environ.get(PREFIX_ENV)
    if not prefix:
        raise ConfigError(f"set {PREFIX_ENV} to the stack's WorkspaceSecretsPrefix output (<stack>/workspace/)")
    try:
        values = json.loads(sys.stdin.read())
    except json.JSONDecodeError as exc:
        raise ConfigError(f"standard input: a JSON object of secret names and values ({exc})") from None
    if not isinstance(values, dict) or not values:
        raise ConfigError('standard input: a JSON object such as {"intercom_client_secret": "…"}')
    client = boto3.client("secretsmanager")
    for kind, part in split(values).items():
        if part:
            created = save(client, prefix, ws, kind, part)
            reader = {SIGNING: "the ingest function", API: "the fetch function and cx import"}[kind]
            print(f"{'Created' if created else 'Updated'} {prefix}{ws}/{kind} ({', '.join(sorted(part))}), "
                  f"read by {reader}")  # fmt: skip
    return 0
