"""PynamoDB models for the three tables, built for given table names and endpoint.

The key schemas match `template.yaml`; a test creates the tables from the template and runs the
pipeline against these models, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import (
    BinaryAttribute,
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, IncludeProjection, KeysOnlyProjection

from cx.adapters.dynamo.workspace_keys import key, workspace_model
from cx.aggregation.counters import COUNTERS
from cx.aggregation.keys import workspace_prefix


@dataclass(frozen=True)
class DynamoSettings:
    conversations_table: str
    evaluations_table: str
    aggregates_table: str
    region: str = "us-east-1"
    host: str | None = None  # DynamoDB Local's endpoint; None on AWS
    workspace: str = ""  # the Slack workspace whose items these are; "" for one workspace (no namespace)

    @property
    def namespace(self) -> str:
        """The workspace's key prefix (cx.aggregation.keys.workspace_prefix)."""
        return workspace_prefix(self.workspace)


@dataclass(frozen=True)
class Models:
    # built with type(): their attributes are only known at run time
    conversation: type[Any]
    evaluation: type[Any]
    aggregate: type[Any]
    ledger: type[Any]
    catalog: type[Any]
    config: type[Any]
    bulk: type[Any]  # a bulk load's lease and journal (cx.adapters.dynamo.bulk_writer)
    lane: type[Any]  # the streaming fold's lanes (cx.adapters.dynamo.fold_lanes)


def _meta(table: str, settings: DynamoSettings) -> type:
    return type("Meta", (), {"table_name": table, "region": settings.region, "host": settings.host})


def build_models(settings: DynamoSettings) -> Models:
    ns = settings.namespace

    class ByCase(GlobalSecondaryIndex[Any]):
        class Meta:
            index_name = "by_case"
            projection = IncludeProjection(["body", "evaluation"])  # what case_contacts reads, as the template

        case_id = key(ns, hash_key=True)
        started_at = UnicodeAttribute(range_key=True)

    class ByCustomer(GlobalSecondaryIndex[Any]):
        """A customer's conversations, for a data-subject request (`cx purge --customer`); keys only."""

        class Meta:
            index_name = "by_customer"
            projection = KeysOnlyProjection()

        customer_id = key(ns, hash_key=True)

    class ByDay(GlobalSecondaryIndex[Any]):
        """Evaluated conversations by UTC day, with what a drift observation needs: the drift check's reads."""

        class Meta:
            index_name = "by_day"
            projection = IncludeProjection(["channel", "journey", "started_at", "evaluation"])

        scored_day = key(ns, hash_key=True)
        conversation_id = UnicodeAttribute(range_key=True)

    conversation = workspace_model(
        "ConversationItem",
        {
            "Meta": _meta(settings.conversations_table, settings),
            "conversation_id": key(ns, hash_key=True),
            "case_id": key(ns, null=True),
            "started_at": UnicodeAttribute(null=True),
            "journey": UnicodeAttribute(null=True),
            "channel": UnicodeAttribute(),
            "content_hash": UnicodeAttribute(),
            "body": UnicodeAttribute(),
            "received_at": UnicodeAttribute(),
            "status": UnicodeAttribute(),  # scored | failed
            "failure": UnicodeAttribute(null=True),
            "evaluation_id": UnicodeAttribute(null=True),
            "evaluation": UnicodeAttribute(null=True),  # the latest evaluation, for the stream's aggregator
            "customer_id": key(ns, null=True),
            "expires_at": NumberAttribute(null=True),  # epoch seconds: DynamoDB's TTL deletes the raw transcript
            "workspace": UnicodeAttribute(null=True),  # the stream's aggregator folds the item in this workspace
            "scored_day": key(ns, null=True),  # UTC day, set only with an evaluation (the by_day index)
            "by_case": ByCase(),
            "by_customer": ByCustomer(),
            "by_day": ByDay(),
        },
        ns,
    )
    evaluation = workspace_model(
        "EvaluationItem",
        {
            "Meta": _meta(settings.evaluations_table, settings),
            "conversation_id": key(ns, hash_key=True),
            "evaluation_id": UnicodeAttribute(range_key=True),
            "evaluated_at": UnicodeAttribute(),
            "cx_score": NumberAttribute(),
            "published": BooleanAttribute(default=True),
            "body": UnicodeAttribute(),
        },
        ns,
    )

    def aggregates_item(name: str, attributes: dict[str, Any]) -> type[Any]:
        """A model over the aggregates table (pk, sk): aggregate, ledger and catalog items share it."""
        keys = {"pk": key(ns, hash_key=True), "sk": UnicodeAttribute(range_key=True)}
        return workspace_model(name, {"Meta": _meta(settings.aggregates_table, settings), **keys, **attributes}, ns)

    aggregate = aggregates_item(
        "AggregateItem",
        {
            **{name: NumberAttribute(null=True) for name in COUNTERS},
            # case items only: the case state the counters reflect (journey/day/outcome derived, for reading)
            "journey": UnicodeAttribute(null=True),
            "day": UnicodeAttribute(null=True),
            "outcome": UnicodeAttribute(null=True),
            "contacts": UnicodeAttribute(null=True),  # JSON: conversation id -> ContactNote
            "version": NumberAttribute(null=True),
        },
    )
    ledger = aggregates_item(
        "LedgerItem",
        {
            "fingerprint": UnicodeAttribute(),
            "body": UnicodeAttribute(),
            # the lane and sequence of the delta the streaming fold committed this entry with (none: bulk-loaded)
            "lane": NumberAttribute(null=True),
            "seq": NumberAttribute(null=True),
        },
    )
    catalog = aggregates_item("CatalogItem", {})
    config = aggregates_item("ConfigItem", {"body": UnicodeAttribute()})  # pk "config": settings as JSON
    bulk = aggregates_item(
        "BulkLoadItem",
        {
            "owner": UnicodeAttribute(null=True),
            "until": NumberAttribute(null=True),  # epoch seconds: the lease runs out then
            "parts": NumberAttribute(null=True),  # a journal's commit item: how many parts it has
            "body": BinaryAttribute(null=True, legacy_encoding=False),  # a journal part: compressed item images
        },
    )
    lane = aggregates_item(
        "FoldLaneItem",
        {
            "seq": NumberAttribute(null=True),  # the lane's last committed sequence
            "pending": NumberAttribute(null=True),  # the sequence of the delta committed but not yet applied
            "since": NumberAttribute(null=True),  # epoch seconds: when it was committed
            "delta": BinaryAttribute(null=True, legacy_encoding=False),  # its increments, compressed JSON
        },
    )
    return Models(conversation, evaluation, aggregate, ledger, catalog, config, bulk, lane)
