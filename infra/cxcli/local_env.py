"""Where the CLI's data lives: DynamoDB Local under the project folder, unless tables are configured."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cxlocal import dynamodb_local
from cxlocal.dynamodb_local import DynamoDBLocal, local_client

if TYPE_CHECKING:  # imported when a backend is opened: `cx local` needs neither
    from cx.config import Settings

TABLE_PREFIX = "cx"
LOGICAL_TO_ENV = {
    "ConversationsTable": "CX_CONVERSATIONS_TABLE",
    "EvaluationsTable": "CX_EVALUATIONS_TABLE",
    "AggregatesTable": "CX_AGGREGATES_TABLE",
    "LabelsTable": "CX_LABELS_TABLE",
    "ConfigTable": "CX_CONFIG_TABLE",
    "CoachingTable": "CX_COACHING_TABLE",
}


def state_dir() -> Path:
    return Path(os.environ.get("CX_HOME", ".cx")).resolve()


def dynamodb_dir() -> Path:
    return state_dir() / "dynamodb"


@dataclass(frozen=True)
class Backend:
    settings: Settings
    description: str
    installations_table: str | None = None  # the Slack installations (OAuth install), ingest keys beside them


def _use_dummy_credentials() -> None:
    for key, value in (
        ("AWS_ACCESS_KEY_ID", "local"),
        ("AWS_SECRET_ACCESS_KEY", "local"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
    ):
        os.environ.setdefault(key, value)


def _local(endpoint: str, description: str) -> Backend:
    from cx.config import Settings
    from cxcli.roles import ensure_demo_manager
    from cxlocal.template_tables import create_tables

    # no streams: `cx` folds what it stores itself (cx.pipeline), and nothing here reads a stream
    names = create_tables(local_client(endpoint), TABLE_PREFIX, streams=False)
    env = dict(os.environ)
    env.update({LOGICAL_TO_ENV[logical]: name for logical, name in names.items() if logical in LOGICAL_TO_ENV})
    env["CX_DYNAMODB_ENDPOINT"] = endpoint
    settings = Settings.from_env(env)
    ensure_demo_manager(settings)  # locally, U0MANAGER (cx slash's default user) manages until roles are set
    return Backend(settings, description, names.get("InstallationsTable"))


@contextmanager
def open_backend(in_memory: bool = False) -> Iterator[Backend]:
    """Configured tables (e.g. on AWS) when CX_CONVERSATIONS_TABLE is set; else DynamoDB Local.

    ``in_memory`` runs a private in-memory DynamoDB Local for the duration (the demo's default: writes
    to the on-disk store cost about 15 times more). Otherwise the on-disk one under ``.cx/dynamodb``
    is used, started if needed and left running for the next command (``cx local down`` stops it).
    """
    if os.environ.get("CX_CONVERSATIONS_TABLE"):
        from cx.config import Settings

        settings = Settings.from_env()
        tables = f"configured tables ({settings.conversations_table}, …)"
        yield Backend(settings, tables, os.environ.get("CX_INSTALLATIONS_TABLE") or None)
        return
    _use_dummy_credentials()
    if in_memory:
        with DynamoDBLocal() as db:
            yield _local(db.endpoint, f"DynamoDB Local in memory at {db.endpoint}")
        return
    endpoint = dynamodb_local.status(dynamodb_dir())
    note = "" if endpoint else " (started; `cx local down` stops it)"
    endpoint = endpoint or dynamodb_local.up(dynamodb_dir())
    yield _local(endpoint, f"DynamoDB Local at {endpoint}, data in {dynamodb_dir()}{note}")
