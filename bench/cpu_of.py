"""Run a command; print its wall time and the CPU of every process it started, orphans included.

`cx local` starts DynamoDB Local detached (it outlives the `cx` process), so `/usr/bin/time` misses that
JVM's CPU. This process makes itself the child subreaper (Linux `prctl(PR_SET_CHILD_SUBREAPER)`): orphans
are reparented to it, and it reaps them all before reading `getrusage(RUSAGE_CHILDREN)`.

    .venv/bin/python bench/cpu_of.py .venv/bin/pytest tests/e2e/test_cli.py -q -p no:cacheprovider
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def main(command: list[str]) -> int:
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    started = time.monotonic()
    code = subprocess.call(command)
    while True:  # the orphans reparented to us, e.g. a DynamoDB Local that `cx local down` stopped
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    print(
        f"wall {wall:.1f} s, CPU {cpu:.1f} s (user {usage.ru_utime:.1f} s, sys {usage.ru_stime:.1f} s)", file=sys.stderr
    )
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
