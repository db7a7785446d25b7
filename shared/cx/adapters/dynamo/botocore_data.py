"""One botocore data loader for every PynamoDB connection in the process.

PynamoDB gives each connection (one per model class, and the stores' own) a botocore session of its own, and
each new session reads and parses botocore's endpoint, partition and DynamoDB model files again: about 0.2 s a
client on a quiet machine, paid by every cold start once per table. The files do not change while the process
runs, so the sessions share one loader (botocore caches what a loader has read): a client then costs about
0.04 s. Each connection still has its own session and client, as PynamoDB wants for thread safety.
"""

from __future__ import annotations

import threading
from typing import Any

import pynamodb.connection.base as pynamodb_connection
from botocore.loaders import Loader, create_loader
from botocore.session import Session, get_session

_lock = threading.Lock()
_loader: list[Loader] = []  # the process's one loader, made by the first session that asks


def _shared_loader(session: Session) -> Loader:
    with _lock:
        if not _loader:  # where the first session looks for data (AWS_DATA_PATH included)
            _loader.append(create_loader(session.get_config_variable("data_path")))
        return _loader[0]


def session_with_shared_data(env_vars: dict[str, tuple[Any, Any, Any, Any]] | None = None) -> Session:
    """A new botocore session (as ``get_session`` makes it) whose data loader is the process's one loader."""
    session = get_session(env_vars)
    session.register_component("data_loader", _shared_loader(session))
    return session


def share_botocore_data() -> None:
    """Make PynamoDB's connections take their sessions from ``session_with_shared_data``."""
    pynamodb_connection.get_session = session_with_shared_data
