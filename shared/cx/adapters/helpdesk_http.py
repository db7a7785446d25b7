"""JSON over HTTPS to a help desk's API, waiting as told on 429 (Retry-After) and retrying 5xx a few times."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from cx.helpdesks.ports import HelpdeskApiError

MAX_WAIT = 120.0  # seconds; a longer Retry-After fails the call (the message goes back to its queue)


class JsonHttp:
    def __init__(
        self,
        base_url: str,
        headers: dict[str, str],
        sleep: Callable[[float], None] = time.sleep,
        attempts: int = 5,
        timeout: float = 20.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._headers = {"Accept": "application/json", **headers}
        self._sleep = sleep
        self._attempts = attempts
        self._timeout = timeout

    def request(self, method: str, path_or_url: str, params: dict[str, Any] | None = None,
                body: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
        url = path_or_url if path_or_url.startswith("http") else self.base_url + path_or_url
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        data = json.dumps(body).encode() if body is not None else None
        headers = {**self._headers, **({"Content-Type": "application/json"} if data else {})}
        for attempt in range(1, self._attempts + 1):
            request = urllib.request.Request(url, data=data, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self._timeout) as response:
                    parsed = json.loads(response.read() or b"{}")
                    return parsed if isinstance(parsed, dict) else {"items": parsed}
            except urllib.error.HTTPError as error:
                status = error.code
                if attempt == self._attempts or status not in (429, 500, 502, 503, 504):
                    raise HelpdeskApiError(f"{method} {path_or_url.split('?')[0]} answered {status}", status) from None
                wait = _retry_after(error.headers.get("Retry-After"), default=2.0**attempt)
                if wait > MAX_WAIT:
                    raise HelpdeskApiError(f"{method} {path_or_url} asks to wait {wait:.0f} s", status) from None
                self._sleep(wait)
            except (urllib.error.URLError, TimeoutError) as error:
                if attempt == self._attempts:
                    raise HelpdeskApiError(f"{method} {path_or_url.split('?')[0]} unreachable: {error}") from None
                self._sleep(2.0**attempt)
        raise AssertionError("unreachable")

    def get(self, path_or_url: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.request("GET", path_or_url, params)


def _retry_after(value: str | None, default: float) -> float:
    try:
        return max(0.0, float(value)) if value is not None else default
    except ValueError:
        return default
