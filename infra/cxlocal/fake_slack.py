"""A local stand-in for the Slack Web API and for response_url, recording what Slack would receive.

`WebClient(base_url=server.api_url)` talks to it; slash-command replies posted to
`server.response_url(...)` are recorded too. It answers `auth.test`, which Bolt calls once.

The OAuth install: ``grant(code, ...)`` is what Slack does when someone approves the app on its authorize page
(the code it sends to the redirect); ``oauth.v2.access`` then exchanges that code, once, for the workspace's
bot token, shaped as https://docs.slack.dev/reference/methods/oauth.v2.access shows it (``team``,
``enterprise``, ``is_enterprise_install``, ``authed_user``…), and for an org-wide install as
https://api.slack.com/enterprise/apps/reference does (``team`` null, the enterprise set). ``auth.test`` with an
installed token answers for that token's workspace.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

TEAM_ID = "T0CXDEMO"
BOT_USER_ID = "U0CXBOT"


@dataclass(frozen=True)
class Call:
    path: str
    method: str  # Web API method (e.g. chat.postMessage) or "response_url"
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        parsed = json.loads(raw)
        return parsed if isinstance(parsed, dict) else {"payload": parsed}
    if "x-www-form-urlencoded" in content_type:
        return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw.decode()).items()}
    return {"raw": raw.decode(errors="replace")}


@dataclass(frozen=True)
class Upload:
    """A file as files upload v2 sends it: announced, its bytes posted, then completed into a channel."""

    file_id: str
    filename: str
    content: bytes
    channel: str | None = None
    title: str | None = None


# Methods that act in a channel, and the parameter naming it: the bot must be a member of the channel.
CHANNEL_METHODS = {
    "chat.postMessage": "channel",
    "conversations.history": "channel",
    "files.completeUploadExternal": "channel_id",
}


@dataclass(frozen=True)
class Grant:
    """One approval on Slack's authorize page: the workspace (or org) and the bot token it will be given."""

    bot_token: str
    team_id: str | None
    team_name: str | None = None
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    org_wide: bool = False  # an Enterprise Grid org-wide install (is_enterprise_install)
    installer: str = "U0INSTALLER"
    bot_user_id: str = "U0CXBOT"
    scope: str = "commands,chat:write,im:write,files:write,channels:history"


def oauth_v2_access(grant: Grant, app_id: str) -> dict[str, Any]:
    """The method's answer, field for field as Slack's reference shows it (no user token: bot scopes only)."""
    enterprise = {"id": grant.enterprise_id, "name": grant.enterprise_name} if grant.enterprise_id else None
    return {
        "ok": True,
        "access_token": grant.bot_token,
        "token_type": "bot",
        "scope": grant.scope,
        "bot_user_id": grant.bot_user_id,
        "app_id": app_id,
        "team": None if grant.org_wide else {"id": grant.team_id, "name": grant.team_name},
        "enterprise": enterprise,
        "is_enterprise_install": grant.org_wide,
        "authed_user": {"id": grant.installer},
    }


def user_object(user_id: str, real_name: str | None, deleted: bool) -> dict[str, Any]:
    """A user as users.info and users.list return one (https://api.slack.com/methods/users.list: ``id``,
    ``name`` the handle, ``deleted``, ``real_name``, and ``profile`` with ``display_name`` and ``real_name``)."""
    if real_name is None:
        return {"id": user_id, "deleted": deleted}
    handle = ".".join(real_name.lower().split())
    profile = {"real_name": real_name, "display_name": real_name.split()[0], "display_name_normalized": ""}
    return {"id": user_id, "name": handle, "deleted": deleted, "real_name": real_name, "profile": profile}


USERS_PAGE = 50  # users.list answers this many members a page, so a client must follow next_cursor


class FakeSlack:
    def __init__(
        self,
        valid_tokens: set[str] | None = None,
        not_in_channels: set[str] | None = None,
        people: dict[str, str] | None = None,
        client_id: str = "1234.5678",
        client_secret: str = "client-secret",
    ) -> None:
        self.client_id, self.client_secret, self.app_id = client_id, client_secret, "A0CXAPP"
        self.grants: dict[str, Grant] = {}  # OAuth code -> approval, until oauth.v2.access exchanges it
        self.installed: dict[str, Grant] = {}  # bot token -> the installation it was issued for
        self.valid_tokens = valid_tokens  # None: every token is valid
        self.deactivated: set[str] = set()  # users.info answers these users as deleted (left the workspace)
        self.people = dict(people or {})  # user id -> real name, as users.info and users.list answer them
        self.not_in_channels = set(not_in_channels or ())  # channels the bot is not in: `not_in_channel`
        self.messages: dict[str, list[dict[str, Any]]] = {}  # channel -> posted messages, oldest first
        self.calls: list[Call] = []
        self.homes: dict[str, dict[str, Any]] = {}  # user -> the Home tab view last published for them
        self.rate_limited: list[Call] = []  # calls answered 429 (not in `calls`: Slack did not act on them)
        self._rate_limits: dict[str, tuple[int, int]] = {}  # method -> (429s still to answer, Retry-After)
        self._announced: dict[str, str] = {}  # file id -> filename
        self._bytes: dict[str, bytes] = {}
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, token: str = "cmd") -> str:
        return f"{self.base_url}/response/{token}"

    def __enter__(self) -> FakeSlack:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next ``times`` calls to ``method`` as Slack does past its rate limit: HTTP 429 with
        Retry-After (seconds) and ``{"ok": false, "error": "ratelimited"}``
        (https://docs.slack.dev/apis/web-api/rate-limits)."""
        with self._changed:
            self._rate_limits[method] = (times, retry_after)

    def _take_rate_limit(self, call: Call) -> int | None:
        """The Retry-After to answer ``call`` with, or None to answer it normally."""
        with self._changed:
            left, retry_after = self._rate_limits.get(call.method, (0, 0))
            if left <= 0:
                return None
            self._rate_limits[call.method] = (left - 1, retry_after)
            self.rate_limited.append(call)
            self._changed.notify_all()
            return retry_after

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 300.0) -> list[Call]:
        """Block until ``count`` calls to ``method`` arrived (lazy listeners answer after the ack)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.calls_to(method)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = sorted({c.method for c in self.calls})
                    raise TimeoutError(f"no {count} call(s) to {method} within {timeout}s; saw {seen}")
                self._changed.wait(left)
            return self.calls_to(method)

    def grant(self, code: str, grant: Grant) -> None:
        """Someone approved the install on Slack's page: Slack redirects them with ``code``."""
        self.grants[code] = grant

    def token_of(self, call: Call) -> str:
        return call.headers.get("Authorization", "").removeprefix("Bearer ")

    def _exchange(self, body: dict[str, Any], authorization: str) -> dict[str, Any]:
        """oauth.v2.access: the client id and secret (HTTP Basic, or in the body), and a code used only once."""
        client_id, client_secret = body.get("client_id"), body.get("client_secret")
        if authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        if client_id != self.client_id:
            return {"ok": False, "error": "invalid_client_id"}
        if client_secret != self.client_secret:
            return {"ok": False, "error": "bad_client_secret"}
        grant = self.grants.pop(str(body.get("code", "")), None)
        if grant is None:
            return {"ok": False, "error": "invalid_code"}
        self.installed[grant.bot_token] = grant
        return oauth_v2_access(grant, self.app_id)

    def _auth_test(self, token: str) -> dict[str, Any]:
        grant = self.installed.get(token)
        if grant is None:
            return {"ok": True, "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": "B0CXBOT", "team": "demo"}
        team = grant.team_id if not grant.org_wide else None
        return {
            "ok": True,
            "url": f"https://{(grant.team_name or grant.enterprise_name or 'org').lower()}.slack.com/",
            "team": grant.team_name or grant.enterprise_name,
            "team_id": team or grant.enterprise_id,
            "enterprise_id": grant.enterprise_id,
            "is_enterprise_install": grant.org_wide,
            "user_id": grant.bot_user_id,
            "bot_id": f"B0{grant.bot_token[-6:].upper()}",
        }

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": "B0CXBOT",
                "team": "demo",
            }
        if method == "files.getUploadURLExternal":
            file_id = f"F0{len(self._announced) + 1:06d}"
            self._announced[file_id] = str(body.get("filename", ""))
            return {"ok": True, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = json.loads(body.get("files", "[]"))
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "users.info":
            user = str(body.get("user", ""))
            if self.people and user not in self.people and user not in self.deactivated:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": user_object(user, self.people.get(user), user in self.deactivated)}
        if method == "users.list":
            return self._users(body)
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": f"D0{body.get('users', 'USER')}"}}
        if CHANNEL_METHODS.get(method) and body.get(CHANNEL_METHODS[method]) in self.not_in_channels:
            return {"ok": False, "error": "not_in_channel"}
        if method == "chat.postMessage":
            return {"ok": True, "channel": body.get("channel"), "ts": self._keep_message(body)}
        if method in ("chat.postEphemeral", "chat.update"):
            return {"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}"}
        if method == "conversations.history":
            return self._history(body)
        if method == "views.publish":
            # https://docs.slack.dev/reference/methods/views.publish: user_id and view (JSON, or a JSON string)
            view = body.get("view")
            view = json.loads(view) if isinstance(view, str) else view or {}
            with self._changed:
                self.homes[str(body.get("user_id"))] = view
            return {"ok": True, "view": {"id": f"V0{len(self.homes):06d}", **view}}
        if method == "chat.getPermalink":
            archived = f"{body.get('channel')}/p{str(body.get('message_ts', '')).replace('.', '')}"
            return {"ok": True, "channel": body.get("channel"), "permalink": f"{self.base_url}/archives/{archived}"}
        return {"ok": True}

    def _users(self, query: dict[str, Any]) -> dict[str, Any]:
        ids = sorted(self.people)
        start = int(query.get("cursor") or 0)
        end = start + min(int(query.get("limit") or USERS_PAGE), USERS_PAGE)
        members = [user_object(u, self.people[u], u in self.deactivated) for u in ids[start:end]]
        cursor = str(end) if end < len(ids) else ""
        return {"ok": True, "members": members, "response_metadata": {"next_cursor": cursor}}

    def _keep_message(self, body: dict[str, Any]) -> str:
        with self._changed:
            ts = f"{time.time():.6f}"
            kept = self.messages.setdefault(str(body.get("channel")), [])
            while kept and kept[-1]["ts"] >= ts:  # ts is unique per channel, as in Slack
                ts = f"{float(kept[-1]['ts']) + 0.000001:.6f}"
            metadata = body.get("metadata")
            message = {"ts": ts, "text": body.get("text"), "blocks": body.get("blocks")}
            message["metadata"] = json.loads(metadata) if isinstance(metadata, str) else metadata
            message["thread_ts"] = body.get("thread_ts")
            kept.append(message)
            return ts

    def _history(self, query: dict[str, Any]) -> dict[str, Any]:
        """Top-level messages newest first, after ``oldest``; metadata only with ``include_all_metadata``."""
        oldest = float(query.get("oldest") or 0)
        with_metadata = str(query.get("include_all_metadata", "")).lower() in ("1", "true")
        found = [
            {k: v for k, v in m.items() if v is not None and (with_metadata or k != "metadata")}
            for m in reversed(self.messages.get(str(query.get("channel")), []))
            if float(m["ts"]) > oldest and not m.get("thread_ts")
        ]
        return {"ok": True, "messages": found[: int(query.get("limit") or 100)], "has_more": False}

    def uploads(self) -> list[Upload]:
        """Files completed into a channel, with the bytes posted to their upload URL."""
        out = []
        for call in self.calls_to("files.completeUploadExternal"):
            for f in json.loads(call.body.get("files", "[]")):
                name = self._announced.get(f["id"], "")
                out.append(
                    Upload(f["id"], name, self._bytes.get(f["id"], b""), call.body.get("channel_id"), f.get("title"))
                )
        return out

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # Web API methods the SDK calls with GET (e.g. conversations.history)
                path, _, query = self.path.partition("?")
                method = path.removeprefix("/api/")
                params = {k: v[0] for k, v in parse_qs(query).items()}
                call = Call(self.path, method, params, dict(self.headers.items()))
                if (retry_after := fake._take_rate_limit(call)) is not None:
                    self._send({"ok": False, "error": "ratelimited"}, 429, {"Retry-After": str(retry_after)})
                    return
                fake.record(call)
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if fake.valid_tokens is not None and token not in fake.valid_tokens:
                    self._send({"ok": False, "error": "invalid_auth"})
                else:
                    self._send(fake._answer(method, params))

            def _send(self, answer: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> None:
                payload = json.dumps(answer).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/upload/"):
                    file_id = self.path.removeprefix("/upload/")
                    fake._bytes[file_id] = raw
                    body: dict[str, Any] = {"file_id": file_id, "size": len(raw)}
                else:
                    body = _parse(raw, self.headers.get("Content-Type", ""))
                answer: dict[str, Any]
                if self.path.startswith("/upload/"):
                    method, answer = "upload", {"ok": True}
                elif self.path.startswith("/api/"):
                    method = self.path.removeprefix("/api/").split("?")[0]
                    call = Call(self.path, method, body, dict(self.headers.items()))
                    if (retry_after := fake._take_rate_limit(call)) is not None:
                        self._send({"ok": False, "error": "ratelimited"}, 429, {"Retry-After": str(retry_after)})
                        return
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if method == "oauth.v2.access":
                        answer = fake._exchange(body, self.headers.get("Authorization", ""))
                    elif method == "auth.test" and token in fake.installed:
                        answer = fake._auth_test(token)
                    elif fake.valid_tokens is not None and token not in fake.valid_tokens:
                        answer = {"ok": False, "error": "invalid_auth"}
                    else:
                        answer = fake._answer(method, body)
                else:
                    method, answer = "response_url", {"ok": True}
                fake.record(Call(self.path, method, body, dict(self.headers.items())))
                self._send(answer)

            def log_message(self, *_: Any) -> None:  # keep test and CLI output clean
                pass

        return Handler
