"""`cx` imports only what the command it runs needs: each `cx` process used to import every command's
modules (the scorer, the Bolt app, boto3 and PynamoDB) before it parsed its arguments, about 1 s of CPU."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

_LOADED = """
import contextlib, io, json, sys
from cxcli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exit:
        code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
HEAVY = ("slack_bolt", "anthropic", "boto3", "pynamodb", "cx.wiring", "cx.bootstrap", "cxbot.app", "cxbot.bootstrap")


def _loaded(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CX_")}
    env["CX_HOME"] = str(tmp_path / ".cx")
    run = subprocess.run(
        [sys.executable, "-c", _LOADED, *args], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    result = json.loads(run.stdout)
    return result["code"], set(result["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(f"{h}.") for h in HEAVY))


@pytest.mark.parametrize("args", [("local", "status"), ("ingest", "--help"), ("digest", "--help")])
def test_a_command_that_needs_no_store_imports_neither_aws_nor_slack_nor_the_pipeline(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    code, modules = _loaded(tmp_path, *args)
    assert code == 0
    assert "cxcli.main" in modules, "the measurement itself is broken"
    assert _heavy(modules) == []


def test_scoring_a_file_imports_no_aws_and_no_bolt_app(tmp_path: Path) -> None:
    source = tmp_path / "conv.jsonl"
    source.write_text(json.dumps({"id": "c-1", "channel": "chat", "messages": [{"role": "customer", "text": "hi"}]}))
    code, modules = _loaded(tmp_path, "score", str(source), "--out", str(tmp_path / "out.jsonl"))
    assert code == 0 and (tmp_path / "out.jsonl").read_text().count("\n") == 1
    assert _heavy(modules) == []
