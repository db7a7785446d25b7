"""Who holds a bulk load's lease, written so that another load on the same machine can tell it died.

An owner is ``host:pid:started:boot:token``: the process's start time (clock ticks since boot, from
/proc) and the machine's boot id tell the pid's process apart from a later one that reuses the number.
A holder is provably dead only when its host name and boot id are this machine's (containers on one
machine share the boot id, not the host name or the pids) and no process with that pid and start time
runs. Anything else (another machine, an older owner format, no /proc) is not proof: such
a lease is waited out.
"""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

PROC = Path("/proc")


def _boot_id(proc: Path) -> str | None:
    try:
        return (proc / "sys/kernel/random/boot_id").read_text().strip().replace("-", "")[:12] or None
    except OSError:
        return None


def _started(pid: int, proc: Path) -> str | None:
    """The process's start time in clock ticks after boot (field 22 of /proc/<pid>/stat), None if none runs
    (a zombie, killed and not yet reaped by its parent, runs no more)."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()  # the name in parentheses may hold spaces
    if len(fields) < 20 or fields[0] in ("Z", "X"):
        return None
    return fields[19]


def this_process(proc: Path = PROC) -> str:
    """A new owner for this process: host, pid, start time, boot id and a token of its own."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_started(pid, proc) or '-'}:{_boot_id(proc) or '-'}:{uuid.uuid4().hex[:8]}"


def provably_dead(owner: str, proc: Path = PROC) -> bool:
    """True when ``owner`` ran on this machine since its last boot and its process is gone."""
    parts = owner.split(":")
    if len(parts) != 5 or "-" in (parts[2], parts[3]):
        return False
    host, pid, started, boot, _ = parts
    if not pid.isdigit() or host != socket.gethostname() or boot != _boot_id(proc):
        return False
    return _started(int(pid), proc) != started
