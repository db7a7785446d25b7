"""A POST as API Gateway's HTTP API (payload format 2.0) hands it to a function."""

from __future__ import annotations

from typing import Any


def post_event(
    path: str, body: str, headers: dict[str, str], query: dict[str, str] | None = None, request_id: str = "w1"
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": f"POST {path}",
        "rawPath": path,
        "rawQueryString": "&".join(f"{k}={v}" for k, v in (query or {}).items()),
        "headers": {"content-type": "application/json", **headers},
        "requestContext": {
            "http": {"method": "POST", "path": path, "sourceIp": "127.0.0.1"},
            "requestId": request_id,
            "stage": "$default",
        },
        "body": body,
        "isBase64Encoded": False,
    }
    if query is not None:  # API Gateway leaves it out when the request has no query string
        event["queryStringParameters"] = query
    return event
