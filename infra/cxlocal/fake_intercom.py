"""A local Intercom REST API: GET /conversations/{id} and POST /conversations/search, with a bearer token.

Serves the conversations it is given (doc-shaped fixtures under tests/events/intercom/) and answers as
Intercom's reference shows: an `error.list` for a bad token or an unknown id; `conversation.list` pages
with `pages.next.starting_after` for a search on `updated_at`.
"""

from __future__ import annotations

from typing import Any

from cxlocal.fake_http import Answer, FakeJsonApi, Request


def _error(code: str, message: str) -> dict[str, Any]:
    return {"type": "error.list", "request_id": "fake", "errors": [{"code": code, "message": message}]}


def _matches(conversation: dict[str, Any], query: dict[str, Any]) -> bool:
    """The search operators used here: AND/OR of `field` with `=`, `>`, `<`."""
    if query.get("operator") in ("AND", "OR"):
        results = [_matches(conversation, q) for q in query.get("value") or []]
        return all(results) if query["operator"] == "AND" else any(results)
    value, wanted = conversation.get(str(query.get("field"))), query.get("value")
    operator = query.get("operator")
    if operator == "=":
        return bool(value == wanted)
    if value is None or wanted is None:
        return False
    return bool(value > wanted) if operator == ">" else bool(value < wanted) if operator == "<" else False


class FakeIntercom(FakeJsonApi):
    def __init__(self, token: str, per_page: int = 50) -> None:
        super().__init__()
        self.token = token
        self.per_page = per_page
        self.conversations: dict[str, dict[str, Any]] = {}

    def put(self, conversation: dict[str, Any]) -> None:
        self.conversations[str(conversation["id"])] = conversation

    def answer(self, request: Request) -> Answer:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return 401, _error("unauthorized", "Access Token Invalid")
        if request.method == "GET" and request.path.startswith("/conversations/"):
            found = self.conversations.get(request.path.removeprefix("/conversations/"))
            return (200, found) if found else (404, _error("not_found", "Conversation Not Found"))
        if request.method == "POST" and request.path == "/conversations/search":
            return 200, self._search(request.body)
        return 404, _error("not_found", f"no route {request.method} {request.path}")

    def _search(self, body: dict[str, Any]) -> dict[str, Any]:
        query, pagination = body.get("query") or {}, body.get("pagination") or {}
        matches = sorted(
            (c for c in self.conversations.values() if _matches(c, query)),
            key=lambda c: (c.get("updated_at", 0), c["id"]),
        )
        per_page = min(int(pagination.get("per_page", self.per_page)), self.per_page)
        start = int(pagination.get("starting_after") or 0)
        page = matches[start : start + per_page]
        pages: dict[str, Any] = {
            "type": "pages",
            "page": start // per_page + 1,
            "per_page": per_page,
            "total_pages": max(1, -(-len(matches) // per_page)),
        }
        if start + per_page < len(matches):
            pages["next"] = {"page": pages["page"] + 1, "starting_after": str(start + per_page)}
        listed = [{k: v for k, v in c.items() if k != "conversation_parts"} for c in page]
        return {"type": "conversation.list", "conversations": listed, "total_count": len(matches), "pages": pages}
