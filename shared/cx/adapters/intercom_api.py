"""``IntercomSource`` over Intercom's REST API (https://developers.intercom.com/docs/references/rest-api/).

Bearer access token; `Intercom-Version` pinned. History: POST /conversations/search on `updated_at` and `state` (AND),
paged with `pagination.starting_after` (https://developers.intercom.com/docs/build-an-integration/learn-more/rest-apis/pagination).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cx.adapters.helpdesk_http import JsonHttp
from cx.helpdesks.ports import IntercomSource, Page

BASE_URL = "https://api.intercom.io"
VERSION = "2.11"


class IntercomApi(IntercomSource):
    def __init__(self, http: JsonHttp) -> None:
        self._http = http

    @classmethod
    def with_token(cls, token: str, base_url: str = BASE_URL, **kwargs: Any) -> IntercomApi:
        headers = {"Authorization": f"Bearer {token}", "Intercom-Version": VERSION}
        return cls(JsonHttp(base_url, headers, **kwargs))

    def conversation(self, conversation_id: str) -> dict[str, Any]:
        return self._http.get(f"/conversations/{conversation_id}")

    def updated_since(self, since: datetime, cursor: str | None) -> Page:
        pagination: dict[str, Any] = {"per_page": 50, **({"starting_after": cursor} if cursor else {})}
        query = {  # closed ones only: an open conversation is imported live when it closes
            "operator": "AND",
            "value": [
                {"field": "updated_at", "operator": ">", "value": int(since.timestamp())},
                {"field": "state", "operator": "=", "value": "closed"},
            ],
        }
        found = self._http.request("POST", "/conversations/search", body={"query": query, "pagination": pagination})
        ids = [str(c["id"]) for c in found.get("conversations") or [] if c.get("id")]
        after = ((found.get("pages") or {}).get("next") or {}).get("starting_after")
        return Page(ids, str(after) if after else None, not after)
