"""What cfn-lint does not check in template.yaml: event source settings, runtimes, handlers, policies."""

from __future__ import annotations

import ast
from typing import Any

import pytest

from cxlocal.template_tables import TEMPLATE_PATH, load_template

REPO = TEMPLATE_PATH.parent
TEMPLATE = load_template()
RESOURCES: dict[str, Any] = TEMPLATE["Resources"]
GLOBALS: dict[str, Any] = TEMPLATE.get("Globals", {}).get("Function", {})
FUNCTIONS = sorted(name for name, r in RESOURCES.items() if r["Type"] == "AWS::Serverless::Function")


def effective(function: str) -> dict[str, Any]:
    """A function's properties with the Globals it inherits (SAM merges Environment; others override)."""
    return {**GLOBALS, **RESOURCES[function]["Properties"]}


def event_sources(kind: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{function}.{name}", event["Properties"])
        for function in FUNCTIONS
        for name, event in RESOURCES[function]["Properties"].get("Events", {}).items()
        if event["Type"] == kind
    ]


def test_the_functions_are_declared() -> None:
    assert FUNCTIONS == [
        "AggregateFunction",
        "CoachingFunction",
        "DigestFunction",
        "DriftFunction",
        "HelpdeskFetchFunction",
        "IngestFunction",
        "PurgeFunction",
        "ScoreFunction",
        "SlackFunction",
    ]


@pytest.mark.parametrize("kind", ["SQS", "DynamoDB"])
def test_batch_event_sources_report_item_failures(kind: str) -> None:
    sources = event_sources(kind)
    assert sources, f"no {kind} event source"
    for name, properties in sources:
        assert properties.get("FunctionResponseTypes") == ["ReportBatchItemFailures"], name


def test_stream_event_sources_read_a_table_with_a_stream() -> None:
    for name, properties in event_sources("DynamoDB"):
        table, attribute = properties["Stream"]["Fn::GetAtt"]
        assert attribute == "StreamArn", name
        assert "StreamSpecification" in RESOURCES[table]["Properties"], name


@pytest.mark.parametrize("function", FUNCTIONS)
def test_function_runtime_and_limits(function: str) -> None:
    properties = effective(function)
    assert properties["Runtime"] == "python3.13"
    assert properties["Architectures"] == ["arm64"]
    assert properties["Tracing"] == "Active"
    assert isinstance(properties.get("Timeout"), int)
    assert isinstance(properties.get("MemorySize"), int)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_function_code_defines_the_handler(function: str) -> None:
    properties = effective(function)
    module, _, attribute = properties["Handler"].rpartition(".")
    source = REPO / properties["CodeUri"] / f"{module.replace('.', '/')}.py"
    assert source.is_file(), f"{function}: {source} is missing"
    tree = ast.parse(source.read_text(), filename=str(source))
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    defined |= {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    assert attribute in defined, f"{function}: {source} defines no {attribute}"


def test_sqs_visibility_timeout_covers_six_function_timeouts() -> None:
    for name, properties in event_sources("SQS"):
        function = name.split(".")[0]
        queue = RESOURCES[properties["Queue"]["Fn::GetAtt"][0]]["Properties"]
        assert queue["VisibilityTimeout"] >= 6 * effective(function)["Timeout"], name


def _statements(document: Any) -> list[dict[str, Any]]:
    statements = document.get("Statement", []) if isinstance(document, dict) else []
    return [statements] if isinstance(statements, dict) else list(statements)


def _policy_documents() -> list[tuple[str, Any]]:
    documents: list[tuple[str, Any]] = []
    for name, resource in RESOURCES.items():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::Serverless::Function":
            for policy in properties.get("Policies", []):
                # a conditional policy (`!If [Condition, policy, !Ref AWS::NoValue]`): each branch that grants
                branches = policy["Fn::If"][1:] if isinstance(policy, dict) and "Fn::If" in policy else [policy]
                documents += [(name, b) for b in branches if b != {"Ref": "AWS::NoValue"}]
        elif resource["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            documents.append((name, properties["PolicyDocument"]))
        elif resource["Type"] == "AWS::IAM::Role":
            documents += [(name, p["PolicyDocument"]) for p in properties.get("Policies", [])]
    return documents


def test_no_policy_grants_every_resource() -> None:
    for name, document in _policy_documents():
        if isinstance(document, str):  # a managed policy name or ARN: not ours to inspect
            continue
        for statement in _statements(document):
            resources = statement.get("Resource", [])
            assert "*" not in (resources if isinstance(resources, list) else [resources]), name
        if "Statement" not in document:  # a SAM policy template: its parameters must name something
            for template, parameters in document.items():
                assert "*" not in (parameters or {}).values(), f"{name}: {template}"


def test_the_drift_check_is_scheduled_weekly_and_only_when_a_channel_is_set() -> None:
    schedule = RESOURCES["DriftSchedule"]["Properties"]
    assert schedule["Target"]["Arn"] == {"Fn::GetAtt": ["DriftFunction", "Arn"]}
    default = TEMPLATE["Parameters"]["DriftScheduleExpression"]["Default"]
    assert schedule["ScheduleExpression"] == {"Ref": "DriftScheduleExpression"}
    fields = default.removeprefix("cron(").removesuffix(")").split()
    assert len(fields) == 6 and fields[2] == "?" and fields[4] in ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
    assert schedule["State"] == "ENABLED", "the function itself skips a run while no drift channel is configured"
    assert effective("DriftFunction")["Environment"]["Variables"]["CX_DRIFT_CHANNEL"] == {"Ref": "DriftChannel"}


def _metric_name(node: ast.AST) -> str | None:
    """ "Name" in ``metrics.add_metric("Name", ...)`` or ``telemetry.record("Name", ...)``; else None."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
        return None
    first = node.args[0]
    named = node.func.attr in {"add_metric", "record"} and isinstance(first, ast.Constant)
    return str(first.value) if named else None  # type: ignore[attr-defined]


def _emitted_metric_names() -> set[str]:
    paths = [*REPO.glob("functions/*/app.py"), *REPO.glob("bot/cxbot/**/*.py")]
    return {name for path in paths for node in ast.walk(ast.parse(path.read_text())) if (name := _metric_name(node))}


def test_every_alarm_on_a_product_metric_watches_a_metric_the_code_emits() -> None:
    emitted = _emitted_metric_names()
    watched = {
        query["MetricStat"]["Metric"]["MetricName"]
        for resource in RESOURCES.values()
        if resource["Type"] == "AWS::CloudWatch::Alarm"
        for query in resource["Properties"].get("Metrics", [])
        if "MetricStat" in query and query["MetricStat"]["Metric"]["Namespace"] == "CxAnalytics"
    }
    assert {"ConversationFailed", "ConversationScored", "SlashCommandFailed", "SlashCommandAnswered"} <= watched
    assert watched <= emitted, f"alarms watch metrics nothing emits: {sorted(watched - emitted)}"


def test_only_signed_callers_reach_the_api() -> None:
    """/ingest needs SigV4 (IAM); the webhooks and /slack/events check their own signatures in the function, and
    /ingest/workspace the workspace's ingest key. The two OAuth pages a browser opens ("Add to Slack" and the
    redirect, whose state Bolt checks against its store and cookie) are GETs only, to the Slack function."""
    routes = {props["Path"]: props for _, props in event_sources("HttpApi")}
    assert routes["/ingest"]["Auth"]["Authorizer"] == "AWS_IAM"
    assert RESOURCES["HttpApi"]["Properties"]["Auth"]["EnableIamAuthorizer"] is True
    oauth = {"/slack/install", "/slack/oauth_redirect"}
    helpdesks = {f"/webhook/{vendor}{route}" for vendor in ("intercom", "zendesk") for route in ("", "/{workspace}")}
    assert set(routes) == {"/ingest", "/ingest/workspace", "/webhook", *helpdesks, "/slack/events", *oauth}
    assert "Auth" not in routes["/ingest/workspace"]  # the function checks the key: a bearer key is not SigV4
    assert {routes[path]["Method"] for path in oauth} == {"GET"}
    slack_routes = {props["Path"] for source, props in event_sources("HttpApi") if source.startswith("SlackFunction.")}
    assert oauth <= slack_routes


@pytest.mark.parametrize(
    ("function", "policy"),
    [
        ("ScoreFunction", "DynamoDBReadPolicy"),  # the promoted scorer; journeys of inquiries
        ("AggregateFunction", "DynamoDBReadPolicy"),  # the configured time zone
        ("DriftFunction", "DynamoDBCrudPolicy"),  # the configured drift channel; its latest status for the digest
        ("SlackFunction", "DynamoDBCrudPolicy"),  # /cx admin changes it; the defaults are stored on first use
    ],
)
def test_functions_that_read_the_workspace_configuration_may(function: str, policy: str) -> None:
    policies = RESOURCES[function]["Properties"]["Policies"]
    assert {policy: {"TableName": {"Ref": "ConfigTable"}}} in policies


def test_the_coaching_dms_are_scheduled_daily_with_least_privilege() -> None:
    schedule = RESOURCES["CoachingSchedule"]["Properties"]
    assert schedule["Target"]["Arn"] == {"Fn::GetAtt": ["CoachingFunction", "Arn"]}
    assert schedule["ScheduleExpressionTimezone"] == {"Ref": "Timezone"}
    policies = RESOURCES["CoachingFunction"]["Properties"]["Policies"]
    assert {"DynamoDBCrudPolicy": {"TableName": {"Ref": "CoachingTable"}}} in policies
    crud = [p for p in policies if "DynamoDBCrudPolicy" in p]
    assert len(crud) == 1, "only the coaching table is written by the daily run"
    assert "CX_COACHING_TABLE" in TEMPLATE["Globals"]["Function"]["Environment"]["Variables"]


def test_the_digest_ticks_hourly_with_its_scheduled_time_and_finishes_within_its_posting_lease() -> None:
    from cx.digest.once import LEASE

    schedule = RESOURCES["DigestSchedule"]["Properties"]
    assert schedule["Target"]["Arn"] == {"Fn::GetAtt": ["DigestFunction", "Arn"]}
    assert schedule["ScheduleExpression"] == "cron(0 * * * ? *)"
    assert "<aws.scheduler.scheduled-time>" in schedule["Target"]["Input"]
    assert effective("DigestFunction")["Timeout"] < LEASE.total_seconds()


def test_the_digest_alarm_watches_the_metric_the_function_emits() -> None:
    alarm = RESOURCES["DigestNotPostedAlarm"]["Properties"]
    source = (REPO / "functions/digest/app.py").read_text()
    assert f'"{alarm["MetricName"]}"' in source
    assert alarm["Namespace"] == GLOBALS["Environment"]["Variables"]["POWERTOOLS_METRICS_NAMESPACE"]
    assert alarm["Dimensions"] == [
        {"Name": "service", "Value": GLOBALS["Environment"]["Variables"]["POWERTOOLS_SERVICE_NAME"]}
    ]


def test_the_score_function_packages_the_anthropic_sdk_and_no_other_function_does() -> None:
    """The Claude scorer imports `anthropic` on Lambda; the layers leave it out to keep the other cold starts lean."""
    packaged = {
        path.parent.name
        for path in REPO.glob("functions/*/requirements.txt")
        if any(line.strip().startswith("anthropic") for line in path.read_text().splitlines())
    }
    assert packaged == {"score"}
    layers = (REPO / "shared" / "requirements.txt").read_text() + (REPO / "bot" / "requirements.txt").read_text()
    assert "anthropic" not in layers


def test_every_table_is_kept_when_the_stack_is_deleted_or_the_table_replaced() -> None:
    """The aggregates table too: it holds the roles and the ledger a rebuild needs for expired transcripts."""
    tables = {name: r for name, r in RESOURCES.items() if r["Type"] == "AWS::DynamoDB::Table"}

    assert "AggregatesTable" in tables
    assert {n: (r.get("DeletionPolicy"), r.get("UpdateReplacePolicy")) for n, r in tables.items()} == {
        n: ("Retain", "Retain") for n in tables
    }


def test_a_fold_lane_is_taken_over_only_once_the_aggregator_that_committed_it_is_surely_dead() -> None:
    from cx.adapters.dynamo.fold_lanes import STALE_SECONDS

    timeout = RESOURCES["AggregateFunction"]["Properties"].get("Timeout", GLOBALS.get("Timeout"))
    assert 2 * float(timeout) <= STALE_SECONDS, "a live aggregator's delta would be finished beside it"


@pytest.mark.parametrize(
    ("function", "policy"),
    [
        ("SlackFunction", "DynamoDBCrudPolicy"),  # the OAuth install writes installations and states
        ("DigestFunction", "DynamoDBReadPolicy"),  # each installed workspace's token
        ("DriftFunction", "DynamoDBReadPolicy"),
        ("CoachingFunction", "DynamoDBReadPolicy"),
    ],
)
def test_functions_that_serve_installed_workspaces_may_read_them(function: str, policy: str) -> None:
    policies = RESOURCES[function]["Properties"]["Policies"]
    assert {policy: {"TableName": {"Ref": "InstallationsTable"}}} in policies
