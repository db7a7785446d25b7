"""A JSON HTTP server on 127.0.0.1 for fake vendor APIs: subclasses answer requests; 429s can be injected."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: dict[str, Any]
    headers: dict[str, str]


Answer = tuple[int, dict[str, Any]]


class FakeJsonApi:
    """Start with ``with Fake(...) as api``; ``api.url`` is its base URL; ``api.requests`` what it received."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self._throttle: list[str] = []  # Retry-After values for the next requests, answered 429
        self.fail_from: int | None = None  # from this request on (1-based), answer 401: an interruption
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                request = Request(
                    self.command,
                    parts.path,
                    {k: v[-1] for k, v in parse_qs(parts.query).items()},
                    json.loads(raw) if raw else {},
                    {k.lower(): v for k, v in self.headers.items()},
                )
                status, payload, extra = owner._handle(request)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in extra.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def throttle(self, *retry_after: str) -> None:
        """Answer the next requests with 429 and these Retry-After values, one each."""
        with self._lock:
            self._throttle.extend(retry_after)

    def _handle(self, request: Request) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
            self.requests.append(request)
            wait = self._throttle.pop(0) if self._throttle else None
            failing = self.fail_from is not None and len(self.requests) >= self.fail_from
        if failing:
            return 401, {"error": "Couldn't authenticate you"}, {}
        if wait is not None:
            return 429, {"error": "TooManyRequests", "description": "Rate limit exceeded"}, {"Retry-After": wait}
        status, payload = self.answer(request)
        return status, payload, {}

    def answer(self, request: Request) -> Answer:
        raise NotImplementedError

    def __enter__(self) -> Self:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
