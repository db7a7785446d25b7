""" "Add to Slack" asks for the scopes the app manifest declares, no more and no fewer."""

from __future__ import annotations

from pathlib import Path

import yaml

from cxbot.oauth.install import BOT_SCOPES

MANIFEST = Path(__file__).resolve().parents[3] / "infra" / "slack-manifest.yaml"


def test_the_install_asks_for_the_manifests_bot_scopes() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text())
    assert sorted(BOT_SCOPES) == sorted(manifest["oauth_config"]["scopes"]["bot"])
