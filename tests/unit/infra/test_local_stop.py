"""`cx local down` knows a DynamoDB Local that has exited, even where nobody has reaped it yet."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from cxlocal.dynamodb_local import _alive


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]


def test_an_exited_process_not_yet_reaped_is_not_alive() -> None:
    # the JVM `cx local up` detached is reaped by PID 1; a container's PID 1 (or a subreaper) may never do it
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        deadline = time.monotonic() + 120
        while _state(child.pid) != "Z":  # exited, not reaped: we have not waited on it
            assert time.monotonic() < deadline, "the child did not exit"
            time.sleep(0.05)
        assert not _alive(child.pid), "a zombie was taken for a running DynamoDB Local: down waits 20 s for it"
    finally:
        child.wait()


def test_a_running_process_is_alive() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        assert _alive(child.pid)
    finally:
        child.kill()
        child.wait()
