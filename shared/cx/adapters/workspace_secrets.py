"""Each installed workspace's help-desk secrets, one Secrets Manager secret per workspace and use:

- ``<prefix><workspace>/helpdesk-signing``: ``intercom_client_secret``, ``zendesk_signing_secret`` (the keys that
  sign that workspace's webhooks), read by the ingest function only;
- ``<prefix><workspace>/helpdesk-api``: ``intercom_access_token``, ``zendesk_subdomain``, ``zendesk_email``,
  ``zendesk_api_token``, read by the fetch function and ``cx import --workspace``.

``<prefix>`` is ``<stack name>/workspace/`` (CX_WORKSPACE_SECRETS_PREFIX); template.yaml lets each function read
only its own kind, by name. Written by ``cx workspace helpdesk`` with the operator's credentials.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Literal

from cx.adapters.helpdesk_wiring import API_SECRET_KEYS, SIGNING_SECRET_KEYS

Kind = Literal["helpdesk-signing", "helpdesk-api"]
SIGNING: Kind = "helpdesk-signing"
API: Kind = "helpdesk-api"
LOCAL_URL_KEYS = ("intercom_base_url", "zendesk_base_url")  # a local fake vendor API, for tests and trials
KEYS: dict[Kind, tuple[str, ...]] = {SIGNING: SIGNING_SECRET_KEYS, API: (*API_SECRET_KEYS, *LOCAL_URL_KEYS)}


def secret_name(prefix: str, workspace: str, kind: Kind) -> str:
    if not workspace.isalnum() or len(workspace) > 32:
        raise ValueError(f"workspace {workspace[:40]!r}: a Slack team id (T…) or, for an org-wide install, E…")
    return f"{prefix}{workspace}/{kind}"


def split(values: Mapping[str, str]) -> dict[Kind, dict[str, str]]:
    """Given values sorted into the two secrets; an unknown name raises, saying which names there are."""
    unknown = sorted(set(values) - {k for keys in KEYS.values() for k in keys})
    if unknown:
        known = ", ".join(k for keys in KEYS.values() for k in keys)
        raise ValueError(f"unknown help-desk secret names {', '.join(unknown)}: the names are {known}")
    return {kind: {k: str(values[k]) for k in keys if k in values} for kind, keys in KEYS.items()}


def not_found(error: BaseException) -> bool:
    """Secrets Manager said there is no such secret (``error`` or what it wraps, as Powertools wraps it)."""
    seen: BaseException | None = error
    while seen is not None:
        response = getattr(seen, "response", None)
        if isinstance(response, dict) and response.get("Error", {}).get("Code") == "ResourceNotFoundException":
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class WorkspaceSecrets:
    """Reads a workspace's secret through ``read`` (name -> JSON dict). A secret that does not exist reads as
    None; any other failure (throttling, no access) raises, so the vendor's retry or the queue tries again."""

    def __init__(self, prefix: str, read: Callable[[str], Any]) -> None:
        self._prefix, self._read = prefix, read

    def get(self, workspace: str, kind: Kind) -> dict[str, Any] | None:
        """The secret's values; None if the workspace has not registered it."""
        try:
            value = self._read(secret_name(self._prefix, workspace, kind))
        except Exception as exc:
            if not_found(exc):
                return None
            raise
        return value if isinstance(value, dict) else None


def save(client: Any, prefix: str, workspace: str, kind: Kind, values: Mapping[str, str]) -> bool:
    """Merge ``values`` into the workspace's secret (created if new); True if it was created."""
    name = secret_name(prefix, workspace, kind)
    try:
        current = json.loads(client.get_secret_value(SecretId=name)["SecretString"])
    except client.exceptions.ResourceNotFoundException:
        description = f"{kind} of Slack workspace {workspace} (cx workspace helpdesk); docs/helpdesks.md"
        client.create_secret(Name=name, Description=description, SecretString=json.dumps(dict(values)))
        return True
    client.put_secret_value(SecretId=name, SecretString=json.dumps({**current, **values}))
    return False
