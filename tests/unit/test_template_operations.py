"""Operating the stack: every function has a log group with retention, every asynchronous invocation a
failure destination, every schedule a dead-letter queue, and every function and queue an alarm on one topic."""

from __future__ import annotations

import ast
import json
from typing import Any

import pytest

from cxlocal.template_tables import TEMPLATE_PATH, load_template

REPO = TEMPLATE_PATH.parent
TEMPLATE = load_template()
RESOURCES: dict[str, Any] = TEMPLATE["Resources"]
FUNCTIONS = sorted(name for name, r in RESOURCES.items() if r["Type"] == "AWS::Serverless::Function")
QUEUES = sorted(name for name, r in RESOURCES.items() if r["Type"] == "AWS::SQS::Queue")
SCHEDULES = sorted(name for name, r in RESOURCES.items() if r["Type"] == "AWS::Scheduler::Schedule")
ALARMS = {name: r["Properties"] for name, r in RESOURCES.items() if r["Type"] == "AWS::CloudWatch::Alarm"}
SYNCHRONOUS_OR_POLLED = {"HttpApi", "Api", "SQS", "DynamoDB", "Kinesis"}


def _events(function: str) -> dict[str, Any]:
    events: dict[str, Any] = RESOURCES[function]["Properties"].get("Events", {})
    return events


def _invokes_itself(function: str) -> bool:
    """A policy statement that lets the function invoke a function named like itself (Bolt's lazy listeners)."""
    for policy in RESOURCES[function]["Properties"].get("Policies", []):
        for statement in policy.get("Statement", []) if isinstance(policy, dict) else []:
            actions = statement.get("Action")
            if "lambda:InvokeFunction" in (actions if isinstance(actions, list) else [actions]):
                return True
    return False


def _scheduled() -> set[str]:
    return {RESOURCES[s]["Properties"]["Target"]["Arn"]["Fn::GetAtt"][0] for s in SCHEDULES}


def asynchronous_functions() -> set[str]:
    """Invoked asynchronously: by a schedule, by itself, or by nothing this template declares synchronously."""
    unpolled = {f for f in FUNCTIONS if not {e["Type"] for e in _events(f).values()} & SYNCHRONOUS_OR_POLLED}
    return _scheduled() | {f for f in FUNCTIONS if _invokes_itself(f)} | unpolled


def _alarms_on(namespace: str, metric: str, dimension: str) -> dict[str, Any]:
    """dimension value (a Ref or GetAtt) -> alarm properties, for plain alarms on one metric."""
    found: dict[str, Any] = {}
    for properties in ALARMS.values():
        if properties.get("Namespace") == namespace and properties.get("MetricName") == metric:
            for dim in properties["Dimensions"]:
                if dim["Name"] == dimension:
                    found[json.dumps(dim["Value"], sort_keys=True)] = properties
    return found


@pytest.mark.parametrize("function", FUNCTIONS)
def test_every_function_logs_to_its_own_log_group_with_retention(function: str) -> None:
    reference = RESOURCES[function]["Properties"].get("LoggingConfig", {}).get("LogGroup")
    assert reference is not None and "Ref" in reference, f"{function} has no LoggingConfig.LogGroup"
    group = RESOURCES[reference["Ref"]]
    assert group["Type"] == "AWS::Logs::LogGroup"
    assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    # a "/" after the stack name: never /aws/lambda/<function name>, which Lambda created in a deployed stack
    assert group["Properties"]["LogGroupName"]["Fn::Sub"].startswith("/aws/lambda/${AWS::StackName}/")
    users = [f for f in FUNCTIONS if RESOURCES[f]["Properties"].get("LoggingConfig", {}).get("LogGroup") == reference]
    assert users == [function], f"{reference['Ref']} is shared by {users}"


def test_the_asynchronous_invocations_are_the_lazy_listeners_and_the_scheduled_runs() -> None:
    assert asynchronous_functions() == {
        "SlackFunction",
        "DriftFunction",
        "CoachingFunction",
        "DigestFunction",
        "PurgeFunction",
    }


@pytest.mark.parametrize("function", sorted(asynchronous_functions()))
def test_every_asynchronous_invocation_has_a_failure_destination(function: str) -> None:
    config = RESOURCES[function]["Properties"].get("EventInvokeConfig")
    assert config is not None, f"{function} is invoked asynchronously and has no EventInvokeConfig"
    assert config["DestinationConfig"]["OnFailure"] == {
        "Type": "SQS",
        "Destination": {"Fn::GetAtt": ["AsyncFailureQueue", "Arn"]},
    }
    assert isinstance(config["MaximumRetryAttempts"], int)
    if function in ("SlackFunction", "DriftFunction"):  # no posted-once ledger: a retry would post twice
        assert config["MaximumRetryAttempts"] == 0


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_every_schedule_has_a_dead_letter_queue_it_may_send_to(schedule: str) -> None:
    target = RESOURCES[schedule]["Properties"]["Target"]
    queue = {"Fn::GetAtt": ["SchedulerDeadLetterQueue", "Arn"]}
    assert target.get("DeadLetterConfig") == {"Arn": queue}, schedule
    role = RESOURCES[target["RoleArn"]["Fn::GetAtt"][0]]["Properties"]
    statements = [s for p in role["Policies"] for s in p["PolicyDocument"]["Statement"]]
    assert {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": queue} in statements, schedule


def test_every_alarm_notifies_the_one_alarm_topic() -> None:
    assert RESOURCES["AlarmTopic"]["Type"] == "AWS::SNS::Topic"
    assert len(ALARMS) >= 2 * len(FUNCTIONS) + len(QUEUES)
    for name, properties in ALARMS.items():
        assert properties.get("AlarmActions") == [{"Ref": "AlarmTopic"}], name


@pytest.mark.parametrize("function", FUNCTIONS)
@pytest.mark.parametrize("metric", ["Errors", "Throttles"])
def test_every_function_has_an_errors_and_a_throttles_alarm(function: str, metric: str) -> None:
    alarms = _alarms_on("AWS/Lambda", metric, "FunctionName")
    assert json.dumps({"Ref": function}) in alarms, f"no {metric} alarm on {function}"


def test_every_stream_consumer_has_an_iterator_age_alarm() -> None:
    consumers = [f for f in FUNCTIONS if any(e["Type"] == "DynamoDB" for e in _events(f).values())]
    assert consumers == ["AggregateFunction"]
    alarms = _alarms_on("AWS/Lambda", "IteratorAge", "FunctionName")
    for function in consumers:
        alarm = alarms[json.dumps({"Ref": function})]
        assert alarm["Statistic"] == "Maximum" and alarm["Threshold"] <= 15 * 60 * 1000


@pytest.mark.parametrize("queue", QUEUES)
def test_every_queue_has_an_alarm_on_age_or_depth(queue: str) -> None:
    """A queue a function reads: the age of its oldest message. Any other (dead letters, rejects, failures): depth."""
    consumed = {
        e["Properties"]["Queue"]["Fn::GetAtt"][0] for f in FUNCTIONS for e in _events(f).values() if e["Type"] == "SQS"
    }
    key = json.dumps({"Fn::GetAtt": [queue, "QueueName"]}, sort_keys=True)
    if queue in consumed:
        assert key in _alarms_on("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName"), queue
    else:
        alarm = _alarms_on("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName").get(key)
        assert alarm is not None, f"no depth alarm on {queue}"
        assert alarm["Threshold"] == 0, f"{queue}: one message waiting is worth a look"


def test_refused_webhooks_alarm_on_the_metric_the_ingest_function_emits() -> None:
    alarm = ALARMS["WebhookRefusedAlarm"]
    source = (REPO / "functions/ingest/app.py").read_text()
    assert f'metrics.add_metric("{alarm["MetricName"]}"' in source
    assert (
        alarm["Namespace"]
        == TEMPLATE["Globals"]["Function"]["Environment"]["Variables"]["POWERTOOLS_METRICS_NAMESPACE"]
    )


def _stream_events() -> list[dict[str, Any]]:
    return [e["Properties"] for f in FUNCTIONS for e in _events(f).values() if e["Type"] == "DynamoDB"]


def test_the_stream_invokes_the_aggregator_only_for_scored_conversations() -> None:
    """No TTL removal (REMOVE has no new image) and no failed or unscored item (no evaluation) reaches it."""
    for properties in _stream_events():
        patterns = [json.loads(f["Pattern"]) for f in properties["FilterCriteria"]["Filters"]]
        assert patterns == [{"dynamodb": {"NewImage": {"evaluation": {"S": [{"exists": True}]}}}}]


def test_the_stream_carries_the_new_image_only_and_no_code_reads_the_old_one() -> None:
    table = RESOURCES["ConversationsTable"]["Properties"]
    assert table["StreamSpecification"]["StreamViewType"] == "NEW_IMAGE"
    sources = [*REPO.glob("functions/*/*.py"), *REPO.glob("shared/cx/**/*.py"), *REPO.glob("bot/cxbot/**/*.py")]
    readers = [p for p in sources if "old_image" in p.read_text() or "OldImage" in p.read_text()]
    assert readers == []


def _attributes_read_from_index_items(function: str) -> set[str]:
    """Attributes read off the items a method queries from the by_case index (``item.<name>``)."""
    path = REPO / "shared/cx/adapters/dynamo/record_store.py"
    tree = ast.parse(path.read_text())
    method = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == function)
    source = ast.unparse(method)
    assert ".by_case.query(" in source, f"{function} no longer reads the by_case index"
    return {
        node.attr
        for node in ast.walk(method)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "item"
    }


def test_the_case_index_projects_what_the_case_view_reads_and_no_more() -> None:
    table = RESOURCES["ConversationsTable"]["Properties"]
    index = next(i for i in table["GlobalSecondaryIndexes"] if i["IndexName"] == "by_case")
    keys = {k["AttributeName"] for k in index["KeySchema"]} | {k["AttributeName"] for k in table["KeySchema"]}
    assert index["Projection"]["ProjectionType"] == "INCLUDE"
    read = _attributes_read_from_index_items("case_contacts")
    assert set(index["Projection"]["NonKeyAttributes"]) == read - keys == {"body", "evaluation"}
