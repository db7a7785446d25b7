"""The template's tables in DynamoDB Local, and `cx local up/down/status` keeping data across restarts."""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import struct
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxlocal.dynamodb_local import (
    FAST_START_JVM_OPTIONS,
    DynamoDBLocal,
    DynamoDBLocalError,
    answers,
    down,
    find_install_dir,
    java_major_version,
    local_client,
    status,
    up,
)
from cxlocal.template_tables import LocalTables, create_tables, table_specs

pytestmark = pytest.mark.integration


def test_tables_have_the_template_keys_and_index(tables: LocalTables) -> None:
    client = local_client(tables.endpoint)
    specs = table_specs(lambda logical_id: tables[logical_id])
    assert set(tables.names) == {
        "ConversationsTable",
        "EvaluationsTable",
        "AggregatesTable",
        "LabelsTable",
        "ConfigTable",
        "CoachingTable",
        "HelpdeskTable",
        "InstallationsTable",
    }
    assert tables.conversations.endswith("-conversations")

    for logical_id, spec in specs.items():
        described = client.describe_table(TableName=tables[logical_id])["Table"]
        assert described["TableStatus"] == "ACTIVE"
        assert described["KeySchema"] == spec.create_kwargs["KeySchema"]
        assert sorted(described["AttributeDefinitions"], key=str) == sorted(
            spec.create_kwargs["AttributeDefinitions"], key=str
        )

    conversations = client.describe_table(TableName=tables.conversations)["Table"]
    indexes = {index["IndexName"]: index for index in conversations["GlobalSecondaryIndexes"]}
    assert set(indexes) == {"by_case", "by_customer", "by_day"}
    assert indexes["by_case"]["KeySchema"] == [
        {"AttributeName": "case_id", "KeyType": "HASH"},
        {"AttributeName": "started_at", "KeyType": "RANGE"},
    ]
    assert indexes["by_case"]["Projection"] == {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["body", "evaluation"]}
    assert indexes["by_customer"]["KeySchema"] == [{"AttributeName": "customer_id", "KeyType": "HASH"}]
    assert indexes["by_customer"]["Projection"]["ProjectionType"] == "KEYS_ONLY", "no transcript text in the index"
    assert conversations["StreamSpecification"] == {
        "StreamEnabled": True,
        "StreamViewType": "NEW_IMAGE",
    }
    ttl = client.describe_time_to_live(TableName=tables.conversations)["TimeToLiveDescription"]
    assert ttl.get("AttributeName") == "expires_at"


def test_create_tables_leaves_existing_tables_alone(tables: LocalTables) -> None:
    client = local_client(tables.endpoint)
    item = {"pk": {"S": "day#2026-11-23"}, "sk": {"S": "all"}}
    client.put_item(TableName=tables.aggregates, Item=item)
    prefix = tables.aggregates.removesuffix("-aggregates")

    assert create_tables(client, prefix) == tables.names
    assert client.get_item(TableName=tables.aggregates, Key=item)["Item"] == item


def test_cx_tables_have_no_stream_and_an_older_store_loses_its_stream_not_its_data(dynamodb_endpoint: str) -> None:
    """`cx` folds what it stores itself: a stream would make DynamoDB Local keep a record of every conversation."""
    client = local_client(dynamodb_endpoint)
    prefix = uuid.uuid4().hex[:12]
    names = create_tables(client, f"s{prefix}", streams=False)
    described = client.describe_table(TableName=names["ConversationsTable"])["Table"]
    assert not described.get("StreamSpecification", {}).get("StreamEnabled")
    assert {i["IndexName"] for i in described["GlobalSecondaryIndexes"]} == {"by_case", "by_customer", "by_day"}

    older = f"o{prefix}"  # a store `cx` made before: with the template's stream
    made = create_tables(client, older)
    key = {"conversation_id": {"S": "conv-1"}}
    client.put_item(TableName=made["ConversationsTable"], Item={**key, "channel": {"S": "chat"}})
    assert client.describe_table(TableName=made["ConversationsTable"])["Table"]["StreamSpecification"]["StreamEnabled"]

    assert create_tables(client, older, streams=False) == made
    described = client.describe_table(TableName=made["ConversationsTable"])["Table"]
    assert not described.get("StreamSpecification", {}).get("StreamEnabled")
    assert client.get_item(TableName=made["ConversationsTable"], Key=key)["Item"] == {**key, "channel": {"S": "chat"}}
    for name in [*names.values(), *made.values()]:
        client.delete_table(TableName=name)


@pytest.fixture
def state_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "dynamodb"
    down(tmp_path / "dynamodb")  # never leave a java process behind, even when the test fails


def test_up_down_keeps_data_on_disk(state_dir: Path) -> None:
    assert status(state_dir) is None
    endpoint = up(state_dir)
    assert up(state_dir) == endpoint  # already running: reported, not started twice
    assert status(state_dir) == endpoint

    client = local_client(endpoint)
    names = create_tables(client, "cx")
    key = {"conversation_id": {"S": "conv-1"}}
    client.put_item(TableName=names["ConversationsTable"], Item={**key, "channel": {"S": "chat"}})

    assert down(state_dir) is True
    assert status(state_dir) is None
    assert down(state_dir) is False

    client = local_client(up(state_dir))
    assert create_tables(client, "cx") == names
    item = client.get_item(TableName=names["ConversationsTable"], Key=key).get("Item")
    assert item == {**key, "channel": {"S": "chat"}}
    assert (state_dir / "data" / "shared-local-instance.db").exists()


def test_launcher_errors_say_what_to_do(tmp_path: Path, dynamodb_endpoint: str) -> None:
    with pytest.raises(DynamoDBLocalError, match="make install"):
        find_install_dir(tmp_path)
    with pytest.raises(DynamoDBLocalError, match="Java 17"):
        DynamoDBLocal(java="no-such-java-here").start()
    assert [java_major_version(v) for v in ('openjdk version "17.0.15"', 'java version "1.8.0_392"', "?")] == [
        17,
        8,
        None,
    ]

    jre_only = tmp_path / "java"  # a Java 17 runtime without the compiler module, as a JRE package installs
    jre_only.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-version" ]; then echo \'openjdk version "17.0.15" 2025-04-15\' >&2; exit 0; fi\n'
        "echo 'java.lang.module.FindException: Module jdk.compiler not found' >&2; exit 1\n"
    )
    jre_only.chmod(0o755)
    with pytest.raises(DynamoDBLocalError, match="needs a JDK, not only a JRE") as no_compiler:
        DynamoDBLocal(java=str(jre_only)).start()
    assert "openjdk-17-jdk-headless" in str(no_compiler.value)

    busy = int(dynamodb_endpoint.rsplit(":", 1)[1])
    with pytest.raises(DynamoDBLocalError, match="already in use"):
        DynamoDBLocal(port=busy).start()

    (tmp_path / "DynamoDBLocal.jar").write_bytes(b"not a jar")
    with pytest.raises(DynamoDBLocalError, match=r"could not compile LoopbackDynamoDBLocal\.java") as error:
        DynamoDBLocal(install_dir=tmp_path).start()
    assert "DynamoDBLocal.jar" in str(error.value)  # the compiler's own output is in the message


def _non_loopback_ipv4() -> list[str]:
    """This machine's IPv4 addresses other than 127.x, read from its interfaces (SIOCGIFADDR)."""
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for _, name in socket.if_nameindex():
            try:
                answer = fcntl.ioctl(sock.fileno(), 0x8915, struct.pack("256s", name.encode()[:15]))
            except OSError:  # an interface with no IPv4 address
                continue
            address = socket.inet_ntoa(answer[20:24])
            if not address.startswith("127."):
                found.append(address)
    return found


def test_listens_on_loopback_only(dynamodb_endpoint: str) -> None:
    """Transcripts in DynamoDB Local are not reachable from the network: it refuses anything but 127.0.0.1."""
    port = int(dynamodb_endpoint.rsplit(":", 1)[1])
    assert answers(f"http://127.0.0.1:{port}")
    addresses = _non_loopback_ipv4()
    if not addresses:
        pytest.skip("this machine has no non-loopback IPv4 address to try a connection on")
    for address in addresses:  # the machine's own addresses: the connection never leaves it
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((address, port), timeout=10).close()
        assert not answers(f"http://{address}:{port}")


def test_the_on_disk_store_logs_ahead_checkpoints_and_keeps_what_a_killed_jvm_committed(tmp_path: Path) -> None:
    """On disk, SQLite writes ahead to a log (no fsync per item), the log is copied into the database as it
    grows, and what DynamoDB Local acknowledged survives its JVM being killed."""
    data = tmp_path / "data"
    small_log = (*FAST_START_JVM_OPTIONS, "-Dcxlocal.walLimit=262144")  # checkpoint past 256 KB of log
    db = DynamoDBLocal(db_path=data, jvm_options=small_log).start()
    try:
        client = local_client(db.endpoint)
        names = create_tables(client, "cx")
        table = names["AggregatesTable"]
        keys = [{"pk": {"S": f"journey=j{n}"}, "sk": {"S": "2026-11-30"}} for n in range(500)]
        pad = {"count": {"N": "1"}, "pad": {"S": "x" * 1000}}
        items: list[Any] = [{"PutRequest": {"Item": {**k, **pad}}} for k in keys]
        for start in range(0, len(keys), 25):
            assert not client.batch_write_item(RequestItems={table: items[start : start + 25]})["UnprocessedItems"]
        database = data / "shared-local-instance.db"
        assert (data / "shared-local-instance.db-wal").exists()
        assert database.read_bytes()[18:20] == b"\x02\x02", "the database file is in WAL mode"
        deadline = time.monotonic() + 300  # the checkpoint runs within a second; a loaded machine is slower
        while database.stat().st_size < 500 * 1000 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert database.stat().st_size >= 500 * 1000, "the log was checkpointed into the database file"
        os.kill(db.pid, signal.SIGKILL)  # no shutdown: what was committed is in the log or the file
    finally:
        db.stop()
    with DynamoDBLocal(db_path=data) as again:
        client = local_client(again.endpoint)
        found = client.batch_get_item(RequestItems={table: {"Keys": keys[:100]}})["Responses"][table]
        assert len(found) == 100
        assert client.scan(TableName=table, Select="COUNT")["Count"] == len(keys)
