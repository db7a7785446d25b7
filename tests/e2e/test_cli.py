"""The `cx` command as a user runs it: a real process, DynamoDB Local, the real Bolt app."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

CX = [sys.executable, "-m", "cxcli.main"]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One project folder, and so one `cx local`, for the module, as a user keeps one: each test has its own
    files, days or channels in it (a DynamoDB Local start is seconds of CPU, tens of seconds on a busy machine)."""
    folder = tmp_path_factory.mktemp("project")
    yield folder
    _cx(folder, "local", "down")  # never leave a DynamoDB Local behind


def _cx(home: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CX_", "SLACK_"))}
    env["CX_HOME"] = str(home / ".cx")
    return subprocess.run([*CX, *args], capture_output=True, text=True, env=env, cwd=home, timeout=timeout, check=False)


def test_demo_prints_the_billing_report_and_saves_its_blocks(home: Path) -> None:
    run = _cx(home, "demo", "--days", "8")  # eight days hold at least the last day of last week, whatever today is
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Journey: billing" in out
    assert "Average CX score" in out and "% pass (CX ≥ 4)" in out and "Case outcomes" in out
    assert "*" not in out.split("/cx journey billing last-week", 1)[1], "mrkdwn must be rendered, not printed"
    saved = json.loads((home / ".cx" / "out" / "cx-journey-billing-last-week.json").read_text())
    assert saved["blocks"][0]["type"] == "header"
    assert saved["blocks"][0]["text"]["text"] == "Journey: billing"
    assert saved["response_type"] == "ephemeral"


def _conversation(cid: str, score_words: str, day: str) -> dict[str, object]:
    return {
        "id": cid,
        "case_id": f"case-{cid}",
        "channel": "email",
        "journey": "returns",
        "case_outcome": "resolved",
        "started_at": f"{day}T09:00:00Z",
        "messages": [
            {"role": "customer", "text": f"Hello, {score_words}"},
            {"role": "agent", "text": "Thanks for writing in, I have sorted that out for you."},
            {"role": "customer", "text": "Great, that fixed it, thank you!"},
        ],
    }


def test_ingest_keeps_rejects_loads_the_rest_and_redrives_the_fix(home: Path) -> None:
    source = home / "conversations.jsonl"
    good = [
        _conversation("r-1", "my return label is missing", "2026-10-05"),
        _conversation("r-2", "wrong size", "2026-10-06"),
    ]
    broken = {**_conversation("r-3", "refund please", "2026-10-06"), "channel": "fax"}
    source.write_text("\n".join(json.dumps(r) for r in [good[0], broken, good[1]]) + "\n")

    run = _cx(home, "ingest", str(source))
    assert run.returncode == 1, "a file with rejects exits non-zero so scripts notice"
    assert "2 conversations loaded, 1 rejected" in run.stdout
    assert "line 2" in run.stdout and "channel" in run.stdout
    rejects = home / ".cx" / "rejects" / "conversations.jsonl.rejects.jsonl"
    kept = json.loads(rejects.read_text())
    assert kept["record"]["id"] == "r-3" and kept["line"] == 2

    report = _cx(home, "slash", "/cx journey returns 2026-10-01..2026-10-07")
    assert report.returncode == 0, report.stderr

    kept["record"]["channel"] = "email"
    rejects.write_text(json.dumps(kept) + "\n")
    assert _cx(home, "redrive", str(rejects)).returncode == 0
    again = _cx(home, "slash", "/cx journey returns 2026-10-01..2026-10-07")
    assert _evaluations(again.stdout) == 3
    assert _evaluations(report.stdout) == 2


def _evaluations(out: str) -> int:
    line = next(line for line in out.splitlines() if line.strip().startswith("Evaluations"))
    return int(line.split()[-1])


def test_unknown_command_range_is_explained(home: Path) -> None:
    run = _cx(home, "slash", "/cx journey returns someday")
    assert run.returncode == 0
    assert "I don't know the range someday" in run.stdout


def test_serve_without_tokens_says_which_tokens_to_set(home: Path) -> None:
    run = _cx(home, "serve")
    assert run.returncode == 2
    assert "SLACK_BOT_TOKEN (xoxb-" in run.stderr and "SLACK_APP_TOKEN (xapp-" in run.stderr


def test_digest_subscriptions_are_added_listed_and_removed(home: Path) -> None:
    added = _cx(home, "digest", "subscribe", "--channel", "C0TEAM", "--day", "fri", "--hour", "16",
                "--timezone", "Europe/Berlin")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "C0TEAM: all journeys, fri 16:00 Europe/Berlin" in _cx(home, "digest", "list").stdout
    assert _cx(home, "digest", "remove", "--channel", "C0TEAM").returncode == 0
    assert "No digest subscriptions" in _cx(home, "digest", "list").stdout
    history = _cx(home, "config", "history").stdout
    assert "digest.C0TEAM" in history and "none → C0TEAM: all journeys, fri 16:00 Europe/Berlin" in history
    assert "digest.C0TEAM#all subscribed → none" in history
    wrong = _cx(home, "digest", "subscribe", "--channel", "C0TEAM", "--timezone", "Berlin")
    assert wrong.returncode == 2 and "IANA time zone" in wrong.stderr
    assert "cx digest --preview" in _cx(home, "digest").stderr


def test_a_load_while_another_holds_the_aggregates_says_so_and_changes_nothing(home: Path) -> None:
    import re
    import time

    from cxlocal.dynamodb_local import local_client
    from cxlocal.template_tables import local_table_name

    source = home / "held.jsonl"  # its own ids and week in the module's store
    source.write_text(json.dumps(_conversation("h-1", "my return label is missing", "2026-09-14")) + "\n")
    assert _cx(home, "ingest", str(source)).returncode == 0
    endpoint = re.search(r"http://\S+", _cx(home, "local", "status").stdout)
    assert endpoint, "cx local status names the endpoint"
    aggregates = local_table_name("cx", "AggregatesTable")
    lease = {"pk": {"S": "bulk#lease"}, "sk": {"S": "lease"}, "owner": {"S": "laptop:4242:abcd"}}
    client = local_client(endpoint.group(0))
    client.put_item(TableName=aggregates, Item={**lease, "until": {"N": str(time.time() + 600)}})
    source.write_text(json.dumps(_conversation("h-2", "wrong size", "2026-09-15")) + "\n")

    held = _cx(home, "ingest", str(source))
    client.delete_item(TableName=aggregates, Key={"pk": lease["pk"], "sk": lease["sk"]})
    after = _cx(home, "ingest", str(source))

    assert held.returncode == 3 and "Traceback" not in held.stderr
    assert "another load holds the aggregates (laptop:4242:abcd" in held.stderr and "run this again" in held.stderr
    assert after.returncode == 0, after.stderr
    report = _cx(home, "slash", "/cx journey returns 2026-09-14..2026-09-20")
    assert _evaluations(report.stdout) == 2, "the refused load is counted once, when run again"
