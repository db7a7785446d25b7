"""A local Zendesk Support API: tickets, their comments (cursor-paginated), users, the incremental export.

Basic auth `{email}/token:{api_token}` as Zendesk takes it; error bodies `{"error": …}` as its reference
shows. Comments are paged `page[size]` at a time with `meta.has_more`/`links.next`; the incremental ticket
export (cursor-based) returns `tickets`, `after_cursor`, `after_url` and `end_of_stream`, ordered by
`updated_at`.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from cxlocal.fake_http import Answer, FakeJsonApi, Request


def _epoch(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


class FakeZendesk(FakeJsonApi):
    def __init__(self, email: str, token: str, page_size: int = 100, export_page: int = 1000) -> None:
        super().__init__()
        self._auth = "Basic " + base64.b64encode(f"{email}/token:{token}".encode()).decode()
        self.page_size, self.export_page = page_size, export_page
        self.tickets: dict[str, dict[str, Any]] = {}
        self.comments: dict[str, list[dict[str, Any]]] = {}
        self.users: dict[str, dict[str, Any]] = {}

    def put(self, ticket: dict[str, Any], comments: list[dict[str, Any]], users: list[dict[str, Any]]) -> None:
        self.tickets[str(ticket["id"])] = ticket
        self.comments[str(ticket["id"])] = comments
        self.users.update({str(u["id"]): u for u in users})

    def answer(self, request: Request) -> Answer:
        if request.headers.get("authorization") != self._auth:
            return 401, {"error": "Couldn't authenticate you"}
        path = request.path
        if path == "/api/v2/users/show_many.json":
            ids = [i for i in request.query.get("ids", "").split(",") if i]
            return 200, {"users": [self.users[i] for i in ids if i in self.users]}
        if path == "/api/v2/incremental/tickets/cursor.json":
            return 200, self._export(request.query)
        if path.startswith("/api/v2/tickets/") and path.endswith("/comments.json"):
            ticket = path.removeprefix("/api/v2/tickets/").removesuffix("/comments.json")
            if ticket not in self.comments:
                return 404, {"error": "RecordNotFound", "description": "Not found"}
            return 200, self._comments(ticket, request.query)
        if path.startswith("/api/v2/tickets/") and path.endswith(".json"):
            found = self.tickets.get(path.removeprefix("/api/v2/tickets/").removesuffix(".json"))
            return (200, {"ticket": found}) if found else (404, {"error": "RecordNotFound", "description": "Not found"})
        return 404, {"error": "InvalidEndpoint", "description": "Not found"}

    def _comments(self, ticket: str, query: dict[str, str]) -> dict[str, Any]:
        size = min(int(query.get("page[size]", self.page_size)), self.page_size)
        start = int(query.get("page[after]") or 0)
        all_comments = self.comments[ticket]
        page = all_comments[start : start + size]
        more = start + size < len(all_comments)
        after = str(start + size) if more else None
        next_url = f"{self.url}/api/v2/tickets/{ticket}/comments.json?page[size]={size}&page[after]={after}"
        return {
            "comments": page,
            "meta": {"has_more": more, "after_cursor": after, "before_cursor": str(start) if start else None},
            "links": {"next": next_url if more else None, "prev": None},
        }

    def _export(self, query: dict[str, str]) -> dict[str, Any]:
        ordered = sorted(self.tickets.values(), key=lambda t: (_epoch(t["updated_at"]), t["id"]))
        if "cursor" in query:
            start = int(base64.b64decode(query["cursor"]).decode())
        else:
            since = float(query.get("start_time", 0))
            start = next((i for i, t in enumerate(ordered) if _epoch(t["updated_at"]) >= since), len(ordered))
        page = ordered[start : start + self.export_page]
        cursor = base64.b64encode(str(start + len(page)).encode()).decode()
        return {
            "tickets": page,
            "after_url": f"{self.url}/api/v2/incremental/tickets/cursor.json?cursor={cursor}",
            "after_cursor": cursor,
            "before_url": None,
            "before_cursor": None,
            "end_of_stream": start + len(page) >= len(ordered),
        }
