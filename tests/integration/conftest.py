"""DynamoDB Local for the integration tests: one in-memory instance per session, fresh tables per test."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from aws_lambda_powertools.utilities.parameters import base as parameters_base
from moto.server import ThreadedMotoServer
from slack_bolt import App
from slack_sdk import WebClient
from support.demo_people import DEMO_AGENT, DEMO_LEAD, DEMO_LEAD_TEAM, SLACK_DEMO_NOW
from support.table_env import table_env

from cx.access import Roles
from cx.bootstrap import build_pipeline, build_stores
from cx.config import Settings
from cx.demo.generator import generate
from cxbot.app import build_app
from cxbot.bootstrap import build_services
from cxlocal.dynamodb_local import DynamoDBLocal, DynamoDBLocalError, local_client
from cxlocal.fake_slack import FakeSlack
from cxlocal.template_tables import LocalTables, create_tables

# Dummy credentials so that nothing here can reach a real AWS account, even a client built without them.
_LOCAL_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_SESSION_TOKEN": "local",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}


@pytest.fixture(scope="session")
def dynamodb_endpoint() -> Iterator[str]:
    """The endpoint of DynamoDB Local, started in memory once for the session (about 2-3 s)."""
    saved = {key: os.environ.get(key) for key in (*_LOCAL_AWS_ENV, "AWS_PROFILE")}
    os.environ.pop("AWS_PROFILE", None)
    os.environ.update(_LOCAL_AWS_ENV)
    try:
        db = DynamoDBLocal().start()
    except DynamoDBLocalError as error:
        if os.environ.get("CI"):
            pytest.fail(str(error))
        pytest.skip(str(error))
    try:
        yield db.endpoint
    finally:
        db.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def tables(dynamodb_endpoint: str) -> Iterator[LocalTables]:
    """The template's tables under a prefix of their own, deleted after the test."""
    client = local_client(dynamodb_endpoint)
    names = create_tables(client, prefix=f"t{uuid.uuid4().hex[:12]}")
    yield LocalTables(endpoint=dynamodb_endpoint, names=names)
    for name in names.values():
        client.delete_table(TableName=name)


@pytest.fixture
def settings(tables: LocalTables) -> Settings:
    """Settings for the product pointed at this test's tables in DynamoDB Local."""
    return Settings.from_env(table_env(tables))


@pytest.fixture(scope="session")
def slack_demo(dynamodb_endpoint: str) -> Iterator[tuple[Settings, dict[str, Any]]]:
    """Two weeks of demo data, scored and aggregated once for the Slack tests, with roles configured."""
    client = local_client(dynamodb_endpoint)
    names = create_tables(client, prefix=f"s{uuid.uuid4().hex[:10]}")
    settings = Settings.from_env(
        {
            "CX_CONVERSATIONS_TABLE": names["ConversationsTable"],
            "CX_EVALUATIONS_TABLE": names["EvaluationsTable"],
            "CX_AGGREGATES_TABLE": names["AggregatesTable"],
            "CX_COACHING_TABLE": names["CoachingTable"],
            "CX_DYNAMODB_ENDPOINT": dynamodb_endpoint,
        }
    )
    conversations = generate(end=SLACK_DEMO_NOW.date(), days=16, seed=5).conversations
    pipeline = build_pipeline(settings, clock=lambda: SLACK_DEMO_NOW)
    pipeline.process(conversations)
    roles = Roles(managers=["U0MANAGER"], leads={DEMO_LEAD: [DEMO_LEAD_TEAM]}, agents={DEMO_AGENT: DEMO_AGENT})
    build_stores(settings).roles.put_roles(roles)
    pairs = [(c, pipeline.evaluations.latest_evaluation(c.id)) for c in conversations]
    yield settings, {"pairs": pairs}
    for name in names.values():
        client.delete_table(TableName=name)


@pytest.fixture
def moto_url() -> Iterator[str]:
    """A moto server (SQS, Secrets Manager, CloudFormation…) with fresh state for one test.

    moto keeps its state per process and Powertools keeps its boto3 clients (with the endpoint they
    were made for) in a module global: both are reset, so no test sees another's server or data.
    """
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    requests.post(f"{url}/moto-api/reset", timeout=120)  # a fresh server on a busy machine can take seconds
    parameters_base.DEFAULT_PROVIDERS.clear()
    yield url
    parameters_base.DEFAULT_PROVIDERS.clear()
    server.stop()


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    """The local fake Slack Web API server (and response_url receiver) for one test."""
    with FakeSlack() as server:
        yield server


@pytest.fixture
def app(request: pytest.FixtureRequest, slack_demo: tuple[Settings, dict[str, Any]], slack: FakeSlack) -> App:
    """The real Bolt app on the Slack demo data, talking to the fake Slack; signed with the module's SECRET."""
    services = build_services(slack_demo[0], clock=lambda: SLACK_DEMO_NOW)
    return build_app(services, request.module.SECRET, WebClient(token="xoxb-test", base_url=slack.api_url))
