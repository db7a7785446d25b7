"""A bulk load's lease names its holder so that a load on the same machine can tell it died."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from cx.adapters.dynamo.lease_owner import provably_dead, this_process

HOST = socket.gethostname()


def _fake_proc(tmp_path: Path, boot: str, processes: dict[int, tuple[str, str]]) -> Path:
    """A /proc with a boot id and processes ``pid: (state, start time)``."""
    (tmp_path / "sys/kernel/random").mkdir(parents=True)
    (tmp_path / "sys/kernel/random/boot_id").write_text(boot + "\n")
    for pid, (state, started) in processes.items():
        (tmp_path / str(pid)).mkdir()
        rest = " ".join([state, *["0"] * 18, started, "0", "0"])
        (tmp_path / str(pid) / "stat").write_text(f"{pid} (python (cx) load) {rest}\n")
    return tmp_path


def test_a_live_process_is_not_dead_and_a_reaped_one_is() -> None:
    assert not provably_dead(this_process())
    child = subprocess.Popen([sys.executable, "-c", "import os, sys; print(os.getpid())"], stdout=subprocess.PIPE)
    out, _ = child.communicate(timeout=60)
    owner = this_process().replace(f":{os.getpid()}:", f":{int(out)}:", 1)  # its start time would differ anyway
    assert provably_dead(owner)


def test_only_the_same_process_start_counts_as_alive(tmp_path: Path) -> None:
    boot = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    proc = _fake_proc(tmp_path, boot, {4242: ("S", "1000"), 4343: ("Z", "2000")})
    owner = this_process(proc).split(":")
    assert owner[3] == boot[:12]
    alive = f"{HOST}:4242:1000:{boot[:12]}:abcd1234"
    assert not provably_dead(alive, proc)
    assert provably_dead(f"{HOST}:4242:999:{boot[:12]}:abcd1234", proc), "the pid was reused by a later process"
    assert provably_dead(f"{HOST}:4343:2000:{boot[:12]}:abcd1234", proc), "killed, not yet reaped"
    assert provably_dead(f"{HOST}:4444:3000:{boot[:12]}:abcd1234", proc), "no such process"


def test_a_holder_elsewhere_or_unknown_is_never_called_dead(tmp_path: Path) -> None:
    boot = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    proc = _fake_proc(tmp_path, boot, {})
    assert not provably_dead(f"other-host:4444:3000:{boot[:12]}:abcd1234", proc), "another container or machine"
    assert not provably_dead(f"{HOST}:4444:3000:123456789abc:abcd1234", proc), "before this machine's last boot"
    assert not provably_dead(f"{HOST}:4444:abcd1234", proc), "an owner of the older format"
    assert not provably_dead(f"{HOST}:4444:-:-:abcd1234", proc), "written where /proc could not be read"
    assert not provably_dead("?", proc)
