"""The DynamoDB tables declared in template.yaml, as boto3 ``create_table`` arguments.

DynamoDB Local, the integration tests and ``cx local`` create their tables from here, so the code and the
template cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.constructor import SafeConstructor

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "template.yaml"
# What CreateTable takes; PITR, SSE, TTL, tags and the like are table settings DynamoDB Local ignores or lacks.
_CREATE_PROPERTIES = ("AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput")
_INDEX_PROPERTIES = ("IndexName", "KeySchema", "Projection", "ProvisionedThroughput")


# libyaml's loader where PyYAML was built with it: about 6 times faster on the template, which every `cx`
# command and every test's tables read (0.12 s of CPU each with the pure-Python one).
# Both build on SafeConstructor, which is all the tag constructor below uses.
_CloudFormationLoader: type[yaml.SafeLoader | yaml.CSafeLoader] = type(
    "_CloudFormationLoader",
    (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader,),
    {"__doc__": 'A safe loader that reads CloudFormation short tags (!Ref x -> {"Ref": x}, !Sub s -> {"Fn::Sub": s}).'},
)


def _construct_tag(loader: SafeConstructor, suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = str(value).split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return {"Ref" if suffix == "Ref" else f"Fn::{suffix}": value}


_CloudFormationLoader.add_multi_constructor("!", _construct_tag)


def load_template(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    """template.yaml as plain data, with short-form intrinsics turned into their long form."""
    with open(path) as stream:
        template = yaml.load(stream, Loader=_CloudFormationLoader)
    if not isinstance(template, dict):
        raise ValueError(f"{path} is not a CloudFormation template")
    return template


@dataclass(frozen=True)
class TableSpec:
    """One AWS::DynamoDB::Table: its CreateTable arguments and the TTL attribute to enable afterwards."""

    logical_id: str
    create_kwargs: dict[str, Any]
    ttl_attribute: str | None = None


@dataclass(frozen=True)
class LocalTables:
    """The tables created for one prefix: ``names`` maps logical id -> table name."""

    endpoint: str
    names: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, logical_id: str) -> str:
        return self.names[logical_id]

    @property
    def conversations(self) -> str:
        return self.names["ConversationsTable"]

    @property
    def evaluations(self) -> str:
        return self.names["EvaluationsTable"]

    @property
    def aggregates(self) -> str:
        return self.names["AggregatesTable"]

    @property
    def labels(self) -> str:
        return self.names["LabelsTable"]

    @property
    def config(self) -> str:
        return self.names["ConfigTable"]


def local_table_name(prefix: str, logical_id: str) -> str:
    """``ConversationsTable`` -> ``{prefix}-conversations``."""
    stem = re.sub(r"Table$", "", logical_id)
    return f"{prefix}-{re.sub(r'(?<!^)(?=[A-Z])', '-', stem).lower()}"


def table_specs(
    name_for: Callable[[str], str], template_path: Path = TEMPLATE_PATH, streams: bool = True
) -> dict[str, TableSpec]:
    """Every AWS::DynamoDB::Table in the template, keyed by logical id, named by ``name_for(logical_id)``;
    without their streams unless ``streams``."""
    resources: dict[str, Any] = load_template(template_path).get("Resources", {})
    return {
        logical_id: _table_spec(logical_id, resource.get("Properties", {}), name_for(logical_id), streams)
        for logical_id, resource in resources.items()
        if resource.get("Type") == "AWS::DynamoDB::Table"
    }


def _table_spec(logical_id: str, properties: dict[str, Any], name: str, streams: bool = True) -> TableSpec:
    kwargs: dict[str, Any] = {"TableName": name}
    kwargs.update({key: properties[key] for key in _CREATE_PROPERTIES if key in properties})
    for key in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        if key in properties:
            kwargs[key] = [{k: index[k] for k in _INDEX_PROPERTIES if k in index} for index in properties[key]]
    if streams and "StreamSpecification" in properties:
        view_type = properties["StreamSpecification"]["StreamViewType"]
        kwargs["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": view_type}
    _reject_intrinsics(logical_id, kwargs)
    ttl = properties.get("TimeToLiveSpecification") or {}
    return TableSpec(logical_id, kwargs, ttl.get("AttributeName") if ttl.get("Enabled") else None)


def _reject_intrinsics(logical_id: str, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "Ref" or key.startswith("Fn::"):
                raise ValueError(f"{logical_id}: {key} cannot be resolved outside CloudFormation")
            _reject_intrinsics(logical_id, item)
    elif isinstance(value, list):
        for item in value:
            _reject_intrinsics(logical_id, item)


def _add_missing_indexes(client: DynamoDBClient, spec: TableSpec) -> None:
    """Create the template's global secondary indexes that a table made by an earlier release lacks."""
    name = spec.create_kwargs["TableName"]
    held = {i["IndexName"] for i in client.describe_table(TableName=name)["Table"].get("GlobalSecondaryIndexes", [])}
    for index in spec.create_kwargs.get("GlobalSecondaryIndexes", []):
        if index["IndexName"] in held:
            continue
        client.update_table(
            TableName=name,
            AttributeDefinitions=spec.create_kwargs["AttributeDefinitions"],
            GlobalSecondaryIndexUpdates=[{"Create": index}],
        )


def _drop_stream(client: DynamoDBClient, name: str) -> None:
    table = client.describe_table(TableName=name)["Table"]
    if table.get("StreamSpecification", {}).get("StreamEnabled"):
        client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        client.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})


def create_tables(
    client: DynamoDBClient, prefix: str, template_path: Path = TEMPLATE_PATH, streams: bool = True
) -> dict[str, str]:
    """Create the template's tables as ``{prefix}-<name>`` (an existing one is left alone), wait until
    ACTIVE and enable TTL. Returns logical id -> table name.

    ``streams=False`` leaves the template's streams out (and turns off the stream of a table made with one):
    for a local stack that folds without reading them (``cx``'s own commands), where DynamoDB Local would
    otherwise store a stream record of every conversation written, for nobody."""
    specs = table_specs(lambda logical_id: local_table_name(prefix, logical_id), template_path, streams)
    for spec in specs.values():
        try:
            client.create_table(**spec.create_kwargs)
        except client.exceptions.ResourceInUseException:  # exists: leave it alone, but for indexes added since
            _add_missing_indexes(client, spec)
            if not streams:
                _drop_stream(client, spec.create_kwargs["TableName"])
    for spec in specs.values():
        name = spec.create_kwargs["TableName"]
        client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        if spec.ttl_attribute is not None:
            current = client.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
            if current.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
                client.update_time_to_live(
                    TableName=name,
                    TimeToLiveSpecification={"AttributeName": spec.ttl_attribute, "Enabled": True},
                )
    return {logical_id: spec.create_kwargs["TableName"] for logical_id, spec in specs.items()}
