"""A workspace's namespace on every hash key, applied where items meet DynamoDB (the models), nowhere else.

``WorkspaceKey`` writes ``ws=<id>|`` before a hash key (and a GSI's hash key) and takes it off on reading, so
every store, key builder and report above it reads and writes the same keys in every workspace; a get, query,
batch, transaction or condition on another workspace's key cannot name it. A scan reads the whole table, so
``workspace_model`` adds ``begins_with(<hash key>, ws=<id>|)`` to every scan of a namespaced model. Without a
namespace ("", a single-workspace deploy) the attribute is a plain ``UnicodeAttribute`` and keys are unchanged.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import UnicodeAttribute
from pynamodb.models import Model


class WorkspaceKey(UnicodeAttribute):
    """A string key with the workspace's namespace before it in DynamoDB."""

    def __init__(self, namespace: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.namespace = namespace

    def serialize(self, value: Any) -> str:
        return f"{self.namespace}{value}"

    def deserialize(self, value: str) -> str:
        return value.removeprefix(self.namespace)


def key(namespace: str, **kwargs: Any) -> UnicodeAttribute:
    """The attribute for a key that holds workspace data: namespaced, or plain without a namespace."""
    return WorkspaceKey(namespace, **kwargs) if namespace else UnicodeAttribute(**kwargs)


def _scoped_scan(hash_name: str) -> Any:
    plain_scan = Model.__dict__["scan"].__func__

    def scan(cls: type[Any], filter_condition: Any = None, *args: Any, **kwargs: Any) -> Any:
        # startswith("") serializes through WorkspaceKey: begins_with(<hash key>, "ws=<id>|")
        own = getattr(cls, hash_name).startswith("")
        condition = own if filter_condition is None else filter_condition & own
        return plain_scan(cls, condition, *args, **kwargs)

    return classmethod(scan)


def workspace_model(name: str, attributes: dict[str, Any], namespace: str) -> type[Any]:
    """A PynamoDB model whose scans see only ``namespace``'s items (its hash key must come from ``key``)."""
    if namespace:
        hash_name = next(n for n, a in attributes.items() if isinstance(a, WorkspaceKey) and a.is_hash_key)
        attributes = {**attributes, "scan": _scoped_scan(hash_name)}
    return type(name, (Model,), attributes)
