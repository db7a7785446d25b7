"""The Slack function as API Gateway and Lambda drive it: a signed request as an HTTP API v2 event, and the
lazy listener's asynchronous re-invocation run in this process."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode


class InProcessLambda:
    """The lazy answer's re-invocation (`lambda.invoke`, InvocationType Event), run here."""

    def __init__(self, handler: Any, context: Any) -> None:
        self.handler, self.context = handler, context

    def invoke(self, FunctionName: str, InvocationType: str, Payload: str) -> dict[str, Any]:
        self.handler(json.loads(Payload), self.context)
        return {"StatusCode": 202}


def api_event(body: str, headers: Mapping[str, object]) -> dict[str, Any]:
    """A request to POST /slack/events as the HTTP API (payload 2.0) hands it to the function."""
    return {
        "version": "2.0",
        "routeKey": "POST /slack/events",
        "rawPath": "/slack/events",
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "http": {"method": "POST", "path": "/slack/events", "sourceIp": "127.0.0.1"},
            "requestId": "r2",
            "stage": "$default",
        },
        "body": base64.b64encode(body.encode()).decode(),
        "isBase64Encoded": True,
    }


def get_event(path: str, query: Mapping[str, str] | None = None, cookies: Sequence[str] = ()) -> dict[str, Any]:
    """A browser's GET (the install page, the OAuth redirect) as the HTTP API (payload 2.0) hands it over:
    cookies in their own list, the query string parsed."""
    return {
        "version": "2.0",
        "routeKey": f"GET {path}",
        "rawPath": path,
        "rawQueryString": urlencode(query or {}),
        "cookies": list(cookies),
        "headers": {"host": "cx.example.com"},
        "queryStringParameters": dict(query or {}),
        "requestContext": {
            "http": {"method": "GET", "path": path, "sourceIp": "127.0.0.1"},
            "requestId": "r-get",
            "stage": "$default",
        },
        "isBase64Encoded": False,
    }
