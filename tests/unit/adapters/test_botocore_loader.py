"""Every PynamoDB connection parses botocore's data files once per process, not once per connection."""

from __future__ import annotations

from pynamodb.connection import Connection

import cx.adapters.dynamo  # noqa: F401  (the package shares the loader when imported)


def test_two_connections_share_one_data_loader_and_the_files_it_parsed() -> None:
    first = Connection(region="us-east-1", host="http://127.0.0.1:9").session
    second = Connection(region="eu-west-1", host="http://127.0.0.1:9").session

    assert first is not second, "each connection keeps a session of its own (botocore's are not thread safe)"
    loader = first.get_component("data_loader")
    assert second.get_component("data_loader") is loader
    model = loader.load_service_model("dynamodb", "service-2")
    assert second.get_component("data_loader").load_service_model("dynamodb", "service-2") is model
