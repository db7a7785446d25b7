"""The environment that points the product at one test's own tables in DynamoDB Local."""

from __future__ import annotations

from cxlocal.template_tables import LocalTables


def table_env(tables: LocalTables) -> dict[str, str]:
    """The environment that points the product at this test's tables in DynamoDB Local (UTC, pass at 4)."""
    return {
        "CX_CONVERSATIONS_TABLE": tables.conversations,
        "CX_EVALUATIONS_TABLE": tables.evaluations,
        "CX_AGGREGATES_TABLE": tables.aggregates,
        "CX_LABELS_TABLE": tables.labels,
        "CX_CONFIG_TABLE": tables.config,
        "CX_COACHING_TABLE": tables["CoachingTable"],
        "CX_DYNAMODB_ENDPOINT": tables.endpoint,
        "CX_TIMEZONE": "UTC",
        "CX_PASS_THRESHOLD": "4",
    }
