"""Every PynamoDB connection of the product, in any thread, reads botocore's data files through one loader."""

from __future__ import annotations

import threading
from typing import Any

from botocore.session import get_session
from pynamodb.connection import Connection

from cx.adapters.dynamo.models import DynamoSettings, build_models


def loader_of(connection: Connection) -> Any:
    return connection.session.get_component("data_loader")


def test_models_stores_and_threads_share_one_botocore_loader() -> None:
    models = build_models(DynamoSettings("c", "e", "a", host="http://127.0.0.1:1"))
    ledger = models.ledger._get_connection().connection
    store = Connection(region="us-east-1", host="http://127.0.0.1:1")
    in_thread: list[Any] = []
    worker = threading.Thread(target=lambda: in_thread.append(loader_of(store)))
    worker.start()
    worker.join()
    assert loader_of(ledger) is loader_of(store) is in_thread[0]
    assert ledger.session is not store.session  # each connection keeps a session of its own
    keys = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}
    client = ledger.session.create_client("dynamodb", region_name="us-east-1", **keys)  # from the shared data
    assert client.meta.service_model.service_name == "dynamodb"
    assert loader_of(ledger) is not get_session().get_component("data_loader")  # botocore's own: a new loader
