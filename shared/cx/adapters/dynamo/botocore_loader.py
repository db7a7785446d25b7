"""One botocore data loader for every PynamoDB connection of the process.

PynamoDB gives each model's connection a botocore session of its own, and each new session parses
botocore's endpoint, partition and DynamoDB model files again (about 0.1 s of CPU, several times that
on a busy machine) before its first request. A process builds a connection per table model, and the
CLI, the Lambda cold start and every test build several: they now parse those files once. The loader
only reads botocore's bundled JSON and caches it; one session shares it between all its clients in the
same way.
"""

from __future__ import annotations

import threading
from typing import Any

import botocore.session
from botocore.loaders import Loader
from pynamodb.connection import base

_lock = threading.Lock()
_shared: list[Loader] = []


def _session_with_shared_loader(env_vars: Any = None) -> botocore.session.Session:
    session = botocore.session.get_session(env_vars)
    with _lock:
        if not _shared:
            _shared.append(session.get_component("data_loader"))
        session.register_component("data_loader", _shared[0])
    return session


def share_one_loader() -> None:
    """Make PynamoDB's new sessions share one data loader (idempotent)."""
    base.get_session = _session_with_shared_loader
