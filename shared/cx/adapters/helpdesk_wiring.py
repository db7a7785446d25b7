"""Builds the help-desk adapters (state table, vendor APIs) from table names and the API secret's JSON."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from cx.adapters.dynamo.helpdesk_state import DynamoHelpdeskState, build_helpdesk_model
from cx.adapters.intercom_api import BASE_URL, IntercomApi
from cx.adapters.zendesk_api import ZendeskApi
from cx.helpdesks.fetch import Sources

API_SECRET_KEYS = ("intercom_access_token", "zendesk_subdomain", "zendesk_email", "zendesk_api_token")
SIGNING_SECRET_KEYS = ("intercom_client_secret", "zendesk_signing_secret")


@lru_cache(maxsize=64)
def helpdesk_state(table: str, region: str, host: str | None, namespace: str = "") -> DynamoHelpdeskState:
    return DynamoHelpdeskState(build_helpdesk_model(table, region, host, namespace))


def sources(secret: Mapping[str, Any], sleep: Callable[[float], None] = time.sleep) -> Sources:
    """The vendors whose token is set. `intercom_base_url`/`zendesk_base_url` point at a local fake."""
    intercom = None
    if secret.get("intercom_access_token"):
        base = str(secret.get("intercom_base_url") or BASE_URL)
        intercom = IntercomApi.with_token(str(secret["intercom_access_token"]), base, sleep=sleep)
    zendesk = None
    if secret.get("zendesk_api_token") and (secret.get("zendesk_subdomain") or secret.get("zendesk_base_url")):
        where = str(secret.get("zendesk_base_url") or secret["zendesk_subdomain"])
        zendesk = ZendeskApi.with_token(
            where, str(secret.get("zendesk_email", "")), str(secret["zendesk_api_token"]), sleep=sleep
        )
    return Sources(intercom, zendesk)
