"""The Slack app manifest asks for exactly the scopes of the Web API methods the code calls."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
# calls on a slack_sdk WebClient, which the code always names `client` (or `self._client`)
CALL = re.compile(r"(?:\b|_)client\.(chat|files|users|conversations|views|auth|reactions|team|usergroups|pins)_(\w+)\(")

# What each Web API method the product calls needs (https://api.slack.com/methods); None: no scope
SCOPES: dict[str, set[str]] = {
    "chat_postMessage": {"chat:write"},
    "chat_postEphemeral": {"chat:write"},
    "chat_update": {"chat:write"},
    "chat_getPermalink": set(),
    "files_upload_v2": {"files:write"},
    "conversations_open": {"im:write"},
    "conversations_history": {"channels:history", "groups:history"},
    "users_info": {"users:read"},
    "users_list": {"users:read"},
    "views_open": set(),
    "views_update": set(),
    "views_publish": set(),  # "No scopes required" (docs.slack.dev/reference/methods/views.publish)
    "auth_test": set(),
}


def _methods_called() -> set[str]:
    sources = [p for folder in ("bot", "functions", "shared", "infra/cxcli") for p in (REPO / folder).rglob("*.py")]
    return {f"{m.group(1)}_{m.group(2)}" for path in sources for m in CALL.finditer(path.read_text())}


def test_the_manifest_asks_for_the_scopes_the_code_needs_and_no_more() -> None:
    called = _methods_called()
    unknown = called - set(SCOPES)
    assert not unknown, f"add the scopes these Slack methods need to SCOPES and the manifest: {sorted(unknown)}"
    needed = {"commands"}.union(*(SCOPES[m] for m in called))
    manifest = yaml.safe_load((REPO / "infra" / "slack-manifest.yaml").read_text())
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == needed
