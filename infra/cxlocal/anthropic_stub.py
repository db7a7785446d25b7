"""A local stand-in for the Anthropic Messages API on 127.0.0.1, scripted per test and recording requests.

`Anthropic(base_url=stub.base_url)` talks to it. Each POST /v1/messages takes the next scripted Reply
(a tool call, an error status, a delay); with none left it answers 500 so that a test never passes
on an unscripted call. The Message Batches endpoints (create, retrieve, results) answer every
request of a batch with the next scripted replies (``batch_polls``: a batch stays in progress for that many
retrieves; ``fail_retrieves``: those retrieves answer 500, as an API gone away while a batch is in flight).
Every request is recorded with its headers and body.

POST /v1/messages/count_tokens answers ``{"input_tokens": N}`` (the shape of Anthropic's "Count tokens in a
Message" reference, https://platform.claude.com/docs/en/api/messages-count-tokens), with N approximated as
one token per 3.5 characters of the request's text (tools as their JSON, system and message texts): Anthropic's
rule of thumb for English, not its tokenizer. With ``cache_minimum`` set, the stub keeps a prompt cache as the
API does (https://platform.claude.com/docs/en/build-with-claude/prompt-caching): the prefix up to the last
``cache_control`` block, when at least ``cache_minimum`` tokens long, is written on first use
(``cache_creation_input_tokens``) and read on every later request with the same prefix
(``cache_read_input_tokens``); the rest is ``input_tokens``. A shorter prefix is not cached, without error.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: dict[str, Any] = field(default_factory=dict)
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # sent as is instead of ``body`` (a proxy's HTML page, a body cut short)
    content_type: str = "application/json"


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


_ids = itertools.count(1)


def usage(
    input_tokens: int = 900, output_tokens: int = 300, cache_read: int = 0, cache_write: int = 0
) -> dict[str, int]:
    return {
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "cache_read_input_tokens": cache_read,
        "cache_creation_input_tokens": cache_write,
    }


def message(content: list[dict[str, Any]], stop_reason: str, **usage_fields: int) -> dict[str, Any]:
    return {
        "id": f"msg_stub{next(_ids):06d}",
        "type": "message",
        "role": "assistant",
        "model": "claude-stub",
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": usage(**usage_fields),
    }


def tool_reply(tool_input: Any, name: str = "record_evaluation", **usage_fields: int) -> Reply:
    block = {"type": "tool_use", "id": f"toolu_stub{next(_ids):06d}", "name": name, "input": tool_input}
    return Reply(body=message([block], "tool_use", **usage_fields))


def text_reply(text: str) -> Reply:
    return Reply(body=message([{"type": "text", "text": text}], stop_reason="end_turn"))


def raw_reply(raw: bytes, content_type: str = "application/json", status: int = 200) -> Reply:
    """A 200 (or other) answer that is not a message: an HTML error page, JSON cut off mid-way."""
    return Reply(status, raw=raw, content_type=content_type)


def error_reply(status: int, delay: float = 0.0, retry_after: str | None = None) -> Reply:
    kind = ERROR_TYPES.get(status, "api_error")
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    return Reply(status, {"type": "error", "error": {"type": kind, "message": f"stub {kind}"}}, delay, headers)


CHARS_PER_TOKEN = 3.5


def _texts(content: Any) -> list[str]:
    if isinstance(content, str):
        return [content]
    return [b.get("text", "") for b in content or [] if isinstance(b, dict)]


def approximate_tokens(*parts: str) -> int:
    return math.ceil(sum(len(p) for p in parts) / CHARS_PER_TOKEN)


def split_prompt(body: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The request's text as (cached prefix, the rest): tools, system, messages in the API's order, cut after the
    last block with ``cache_control`` (no breakpoint: nothing is cached)."""
    pieces: list[tuple[str, bool]] = [
        (json.dumps(t, sort_keys=True), "cache_control" in t) for t in body.get("tools", [])
    ]
    system = body.get("system") or []
    for block in [{"text": system}] if isinstance(system, str) else system:
        pieces.append((block.get("text", ""), "cache_control" in block))
    for m in body.get("messages", []):
        content = m.get("content")
        blocks = content if isinstance(content, list) else [{"text": content}]
        pieces += [
            (t, isinstance(b, dict) and "cache_control" in b) for b, t in zip(blocks, _texts(content), strict=True)
        ]
    marks = [i for i, (_, cached) in enumerate(pieces) if cached]
    cut = marks[-1] + 1 if marks else 0
    return [p for p, _ in pieces[:cut]], [p for p, _ in pieces[cut:]]


_LINE = re.compile(r"^\[(\d+)\] \w+: (\S.{0,19})", re.M)


def evaluation_answer(quote: str, score: int = 3, message_index: int = 0) -> dict[str, Any]:
    """A valid evaluation (the scorer's tool input) whose one reason quotes ``quote`` from ``message_index``."""
    return {
        "cx_score": score,
        "sub_scores": {"resolution": "partly", "sentiment": 3, "effort": 3, "service_quality": 3},
        "reasons": [
            {
                "factor": "understanding",
                "direction": "negative",
                "summary": "The customer opens with the problem.",
                "evidence": [{"message_index": message_index, "quote": quote}],
            }
        ],
        "outcome_guess": "unresolved",
        "confidence": 0.6,
    }


def quoting(delay: float = 0.0, score: int = 3) -> Callable[[dict[str, Any]], Reply]:
    """A responder (``stub.responder``) whose valid evaluation quotes the transcript in each request, so that calls
    made in parallel each get an answer of their own; ``delay`` is the model's latency."""

    def respond(body: dict[str, Any]) -> Reply:
        match = _LINE.search(body["messages"][0]["content"])
        if match is None:
            return error_reply(400)
        answer = evaluation_answer(match.group(2).strip(), score, int(match.group(1)))
        reply = tool_reply(answer)
        return Reply(reply.status, reply.body, delay)

    return respond


class AnthropicStub:
    def __init__(self, cache_minimum: int | None = None) -> None:
        self.cache_minimum = cache_minimum
        self._cache: set[str] = set()
        # answers built from each request instead of the scripted queue (for calls made in parallel), and its delay
        self.responder: Callable[[dict[str, Any]], Reply] | None = None
        self.answered = 0  # message calls answered (sent back whole)
        self.in_flight = self.max_in_flight = 0  # message calls being answered now, and the most at once
        self.batch_polls = 0  # a new batch is in progress until retrieved this many times (0: ended at once)
        self.fail_retrieves: set[int] = set()  # these batch retrieves (1 = the first) answer 500
        self._retrieves = 0
        self.requests: list[Recorded] = []
        self._replies: deque[Reply] = deque()
        self._batches: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    @property
    def pending(self) -> int:
        return len(self._replies)

    def message_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.method == "POST" and r.path == "/v1/messages"]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self) -> Reply:
        with self._lock:
            return self._replies.popleft() if self._replies else error_reply(500)

    def _batch_create(self, body: dict[str, Any]) -> Reply:
        batch_id = f"msgbatch_stub{next(_ids):06d}"
        results = []
        for item in body.get("requests", []):
            reply = self._next()
            result: dict[str, Any]
            if reply.status == 200:
                result = {"type": "succeeded", "message": reply.body}
            else:
                result = {"type": "errored", "error": reply.body}
            results.append({"custom_id": item["custom_id"], "result": result})
        counts = {"processing": 0, "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0}
        for r in results:
            counts[r["result"]["type"]] += 1
        self._batches[batch_id] = {"results": results, "counts": counts, "polls": 0}
        return Reply(body=self._batch_body(batch_id))

    def _batch_body(self, batch_id: str) -> dict[str, Any]:
        stamp = "2026-11-23T00:00:00Z"
        return {
            "id": batch_id,
            "type": "message_batch",
            "processing_status": "ended" if self._batches[batch_id]["polls"] >= self.batch_polls else "in_progress",
            "request_counts": self._batches[batch_id]["counts"],
            "created_at": stamp,
            "ended_at": stamp,
            "expires_at": stamp,
            "archived_at": None,
            "cancel_initiated_at": None,
            "results_url": f"{self.base_url}/v1/messages/batches/{batch_id}/results",
        }

    def count_tokens(self, body: dict[str, Any]) -> int:
        prefix, rest = split_prompt(body)
        return approximate_tokens(*prefix, *rest)

    def _message(self, body: dict[str, Any]) -> Reply:
        """The next scripted reply (or the responder's); with the cache kept, its usage says what the cache did."""
        reply = self.responder(body) if self.responder else self._next()
        if self.cache_minimum is None or reply.status != 200 or reply.body.get("type") != "message":
            return reply
        prefix, rest = split_prompt(body)
        cached, uncached = approximate_tokens(*prefix), approximate_tokens(*rest)
        read = write = 0
        if prefix and cached >= self.cache_minimum:
            key = hashlib.sha256(json.dumps([body.get("model"), prefix]).encode()).hexdigest()
            with self._lock:
                hit = key in self._cache
                self._cache.add(key)
            read, write = (cached, 0) if hit else (0, cached)
        else:
            uncached += cached
        usage_now = {**reply.body["usage"], **usage(uncached, reply.body["usage"]["output_tokens"], read, write)}
        return Reply(reply.status, {**reply.body, "usage": usage_now}, reply.delay, reply.headers)

    def _refuse(self, method: str, raw_path: str, headers: dict[str, str], raw: bytes) -> Reply | None:
        """A refusal before the request is answered (the Bedrock stub checks signatures here); None: answer it."""
        return None

    def _answer(self, method: str, path: str, body: dict[str, Any]) -> tuple[Reply, bytes | None]:
        if method == "POST" and path == "/v1/messages":
            return self._message(body), None
        if method == "POST" and path == "/v1/messages/count_tokens":
            return Reply(body={"input_tokens": self.count_tokens(body)}), None
        if method == "POST" and path == "/v1/messages/batches":
            return self._batch_create(body), None
        parts = path.strip("/").split("/")
        if method == "GET" and len(parts) >= 4 and parts[:3] == ["v1", "messages", "batches"]:
            batch = self._batches.get(parts[3])
            if batch is None:
                return error_reply(404), None
            if len(parts) == 5 and parts[4] == "results":
                lines = "\n".join(json.dumps(r) for r in batch["results"]) + "\n"
                return Reply(), lines.encode()
            with self._lock:
                self._retrieves += 1
                failing = self._retrieves in self.fail_retrieves
            if failing:
                return error_reply(500), None
            batch["polls"] += 1
            return Reply(body=self._batch_body(parts[3])), None
        return error_reply(404), None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method: str) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else {}
                path = self.path.split("?")[0]
                headers = {k.lower(): v for k, v in self.headers.items()}
                stub.requests.append(Recorded(method, path, headers, body))
                refusal = stub._refuse(method, self.path, headers, raw)
                with stub._lock:
                    stub.in_flight += 1
                    stub.max_in_flight = max(stub.max_in_flight, stub.in_flight)
                try:
                    reply, raw_out = (refusal, None) if refusal else stub._answer(method, path, body)
                    if reply.delay:
                        time.sleep(reply.delay)
                    self._send(reply, raw_out)
                finally:
                    with stub._lock:
                        stub.in_flight -= 1
                        stub.answered += 1

            def _send(self, reply: Reply, raw_out: bytes | None) -> None:
                out = raw_out if raw_out is not None else reply.raw or json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    ctype = "application/binary" if raw_out is not None else reply.content_type
                    self.send_header("content-type", ctype)
                    self.send_header("content-length", str(len(out)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(out)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

            def do_POST(self) -> None:
                self._serve("POST")

            def do_GET(self) -> None:
                self._serve("GET")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
