"""``ZendeskSource`` over Zendesk's REST API, basic auth `{email}/token:{api_token}`.

Show ticket GET /api/v2/tickets/{id}.json; comments GET /api/v2/tickets/{id}/comments.json with cursor
pagination (`page[size]`, `meta.has_more`, `links.next`,
https://developer.zendesk.com/api-reference/introduction/pagination/); users GET
/api/v2/users/show_many.json?ids=…; history GET /api/v2/incremental/tickets/cursor.json (`start_time`, then
`cursor`; `after_cursor`, `end_of_stream`; 10 requests a minute,
https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/).
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from cx.adapters.helpdesk_http import JsonHttp
from cx.helpdesks.ports import Page, ZendeskSource


class ZendeskApi(ZendeskSource):
    def __init__(self, http: JsonHttp) -> None:
        self._http = http

    @classmethod
    def with_token(cls, subdomain_or_url: str, email: str, token: str, **kwargs: Any) -> ZendeskApi:
        base = subdomain_or_url if "://" in subdomain_or_url else f"https://{subdomain_or_url}.zendesk.com"
        basic = base64.b64encode(f"{email}/token:{token}".encode()).decode()
        return cls(JsonHttp(base, {"Authorization": f"Basic {basic}"}, **kwargs))

    def ticket(self, ticket_id: str) -> dict[str, Any]:
        return dict(self._http.get(f"/api/v2/tickets/{ticket_id}.json").get("ticket") or {})

    def comments(self, ticket_id: str) -> list[dict[str, Any]]:
        page = self._http.get(f"/api/v2/tickets/{ticket_id}/comments.json", {"page[size]": 100})
        comments = list(page.get("comments") or [])
        while (page.get("meta") or {}).get("has_more") and (page.get("links") or {}).get("next"):
            page = self._http.get(page["links"]["next"])
            comments += page.get("comments") or []
        return comments

    def users(self, user_ids: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(user_ids), 100):
            ids = ",".join(user_ids[start : start + 100])
            for user in self._http.get("/api/v2/users/show_many.json", {"ids": ids}).get("users") or []:
                found[str(user.get("id"))] = user
        return found

    def updated_since(self, since: datetime, cursor: str | None) -> Page:
        params = {"cursor": cursor} if cursor else {"start_time": int(since.timestamp())}
        page = self._http.get("/api/v2/incremental/tickets/cursor.json", params)
        ids = [str(t["id"]) for t in page.get("tickets") or [] if t.get("id") is not None]
        after = page.get("after_cursor")
        return Page(ids, str(after) if after else None, bool(page.get("end_of_stream", True)))
