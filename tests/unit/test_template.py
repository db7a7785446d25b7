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
        "DigestFunction",
        "DriftFunction",
        "IngestFunction",
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
    assert properties["Runtime"] == "python3.11"
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
            documents += [(name, policy) for policy in properties.get("Policies", [])]
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
    assert schedule["State"] == {"Fn::If": ["HasDriftChannel", "ENABLED", "DISABLED"]}
    assert effective("DriftFunction")["Environment"]["Variables"]["CX_DRIFT_CHANNEL"] == {"Ref": "DriftChannel"}


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
