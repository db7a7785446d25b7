"""`anthropic` costs seconds of cold start: only scoring a conversation imports it, never the Slack side."""

from __future__ import annotations

import subprocess
import sys


def test_building_the_claude_scorer_does_not_import_the_sdk() -> None:
    code = (
        "import sys\n"
        "import cx.bootstrap, cxbot.app\n"
        "from cx.config import Settings\n"
        "env = {'CX_CONVERSATIONS_TABLE': 'c', 'CX_EVALUATIONS_TABLE': 'e', 'CX_AGGREGATES_TABLE': 'a',\n"
        "       'CX_SCORER': 'claude', 'CX_CLAUDE_MODEL': 'claude-haiku-4-5-20251001', 'ANTHROPIC_API_KEY': 'k'}\n"
        "scorer = cx.bootstrap.build_scorer(Settings.from_env(env))\n"
        "assert scorer.info.name == 'claude', scorer.info\n"
        "print('anthropic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "False"
