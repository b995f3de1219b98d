"""The embedded ArcadeDB server: started in this process, or found running in another.

One process owns a data directory's server. It writes `DATA_DIR/server.json`
(mode 0600: pid, ports, passwords) and removes it on close; any other process
reads that file and connects over Bolt instead of opening the files a second
time. Passwords are random per start: the root and reader passwords stored
in the ArcadeDB config from an earlier start are reset at each start.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import os
import re
import secrets
import socket
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from policygraph.graph.errors import StoreError

DATABASE = "policy"
ADMIN_USER = "root"
READER_USER = "reader"
DISCOVERY_FILE = "server.json"
WRITER_LOCK = ".writer.lock"  # held by an ingest while it writes
OWNER_LOCK = ".owner.lock"  # held by the process running the engine, for its whole life
ENGINE_DIR = "arcadedb"

# Console (reader) queries are stopped by this process's QueryWatchdog: the engine
# ignores Bolt's per-query timeout and keeps running an abandoned query, and its
# admission gate (arcadedb.queryMaxConcurrent, 4 here) lets four such queries queue
# every other one. The caller's limit travels in a leading comment (the engine shows
# the query's text in its registry of running queries); CONSOLE_CEILING_S caps it.
CONSOLE_CEILING_S = 60.0
CONSOLE_SLOTS = 2  # reader queries at once; the gate's other slots stay for the pages and ingest
WATCHDOG_INTERVAL_S = 0.1
TIME_LIMIT_REASON = "policygraph-time-limit"
BUSY_REASON = "policygraph-console-busy"
_LIMIT_TAG = re.compile(r"/\* policygraph time-limit-ms=(\d+) \*/\n?")

# The reader group may read every type and nothing else: this is what makes
# `GraphStore.read` read-only on the embedded engine. The row cap is a server-side
# ceiling; `read()` applies the caller's smaller one.
READER_GROUP = {
    "resultSetLimit": 100000,
    "readTimeout": int(CONSOLE_CEILING_S * 1000),
    "access": [],
    "types": {"*": {"access": ["readRecord"]}},
}
ADMIN_GROUP = {
    "resultSetLimit": -1,
    "readTimeout": -1,
    "access": ["updateSecurity", "updateSchema", "updateDatabaseSettings"],
    "types": {"*": {"access": ["createRecord", "readRecord", "updateRecord", "deleteRecord"]}},
}
NOBODY_GROUP = {"resultSetLimit": -1, "readTimeout": -1, "access": [], "types": {"*": {"access": []}}}


@dataclass
class ServerInfo:
    """What another process needs to reach a running embedded server."""

    pid: int
    bolt_port: int
    http_port: int
    database: str
    admin_user: str
    admin_password: str
    reader_user: str
    reader_password: str

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_answers(port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def _write_private(path: Path, text: str) -> None:
    """Write a file readable by its owner only, created with 0600 (no window with wider rights)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def _parse_discovery(text: str) -> ServerInfo | None:
    """The ServerInfo of a discovery file, or None when it is not one (any other JSON, wrong types)."""
    try:
        fields = json.loads(text)
        info = ServerInfo(**fields)
    except (ValueError, TypeError):
        return None
    ports_ok = all(isinstance(p, int) and 0 < p < 65536 for p in (info.bolt_port, info.http_port))
    strings_ok = all(
        isinstance(v, str)
        for v in (info.database, info.admin_user, info.admin_password, info.reader_user, info.reader_password)
    )
    return info if isinstance(info.pid, int) and ports_ok and strings_ok else None


def _owner_lock_held(data_dir: Path) -> bool:
    """Whether some process holds DATA_DIR/.owner.lock, as the process running the engine does.

    The kernel releases the lock when that process dies (kill -9 included), so a
    server.json left behind is recognised as stale even when its pid was reused by an
    unrelated process with a port that answers.
    """
    try:
        handle = open(data_dir / OWNER_LOCK, "a+")  # noqa: SIM115 (closed below)
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def read_discovery(data_dir: Path) -> ServerInfo | None:
    """The live server named by `DATA_DIR/server.json`, or None; a stale or foreign file is removed."""
    path = data_dir / DISCOVERY_FILE
    try:
        info = _parse_discovery(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        info = None
    if info is not None:
        own_server = info.pid == os.getpid() and data_dir in _RUNNING
        foreign_live = info.pid != os.getpid() and _pid_alive(info.pid) and _owner_lock_held(data_dir)
        if (own_server or foreign_live) and port_answers(info.bolt_port):
            return info
    with contextlib.suppress(OSError):
        path.unlink()
    return None


def serves(data_dir: Path, uri: str) -> bool:
    """Whether the engine at `uri` is still the live server of `data_dir`."""
    info = read_discovery(data_dir)
    return info is not None and info.uri == uri


def _folder_problem(data_dir: Path, err: OSError) -> StoreError:
    """One sentence for a data folder that cannot be created or written."""
    blocker = next((p for p in [data_dir, *data_dir.parents] if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        reason = f"{blocker} is a file, not a folder"
    elif isinstance(err, PermissionError) or (data_dir.exists() and not os.access(data_dir, os.W_OK)):
        reason = "it is not writable (permission denied)"
    else:
        reason = err.strerror or str(err)
    return StoreError(
        f"Cannot use the data folder {data_dir}: {reason}. "
        "Choose another one with --data-dir or POLICYGRAPH_DATA_DIR."
    )


def _check_folder(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        raise _folder_problem(data_dir, err) from None
    if not data_dir.is_dir() or not os.access(data_dir, os.W_OK | os.X_OK):
        raise _folder_problem(data_dir, PermissionError(13, "Permission denied"))


@contextlib.contextmanager
def _start_lock(data_dir: Path):
    """Two processes starting at once: the second waits, then finds the first one's server."""
    _check_folder(data_dir)
    try:
        handle = open(data_dir / ".start.lock", "a+")  # noqa: SIM115 (closed below)
    except OSError as err:
        raise _folder_problem(data_dir, err) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def writer_lock(data_dir: Path, on_wait: Callable[[], None] | None = None):
    """One writer (ingest) per data folder at a time; `on_wait` is called when another holds it.

    Two ingests racing on the same reference data made the engine refuse both
    ("Duplicated key …"); the second now waits, then runs on whatever server is live.
    """
    _check_folder(data_dir)
    try:
        handle = open(data_dir / WRITER_LOCK, "a+")  # noqa: SIM115 (closed below)
    except OSError as err:
        raise _folder_problem(data_dir, err) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _prepare_engine_dir(root: Path) -> None:
    """Config files the engine reads at start: groups with the read-only reader, MCP off."""
    config = root / "config"
    config.mkdir(parents=True, exist_ok=True)
    groups_path = config / "server-groups.json"
    try:
        groups = json.loads(groups_path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        groups = {"databases": {"*": {"groups": {}}}, "version": "1"}
    wildcard = groups.setdefault("databases", {}).setdefault("*", {}).setdefault("groups", {})
    wildcard.setdefault("admin", ADMIN_GROUP)
    wildcard.setdefault("*", NOBODY_GROUP)
    wildcard[READER_USER] = READER_GROUP
    groups_path.write_text(json.dumps(groups, indent=2), encoding="utf-8")
    mcp = config / "mcp-config.json"
    if not mcp.exists():
        _write_private(mcp, json.dumps({"enabled": False, "allowedUsers": []}))


_LOGGING_CONFIGURED = False


def _quiet_java_logging(root: Path) -> None:
    """Send the engine's log to a file under the data dir instead of the user's terminal."""
    global _LOGGING_CONFIGURED
    if _LOGGING_CONFIGURED:
        return
    import jpype

    log_dir = root / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    props = root / "log.properties"
    props.write_text(
        "handlers = java.util.logging.FileHandler\n"
        ".level = INFO\n"
        "io.undertow.level = WARNING\n"
        "org.xnio.level = WARNING\n"
        "org.jboss.level = WARNING\n"
        "java.util.logging.FileHandler.level = INFO\n"
        f"java.util.logging.FileHandler.pattern = {log_dir}/arcadedb.%g.log\n"
        "java.util.logging.FileHandler.formatter = com.arcadedb.log.LogFormatter\n"
        "java.util.logging.FileHandler.limit = 10000000\n"
        "java.util.logging.FileHandler.count = 2\n",
        encoding="utf-8",
    )
    # The engine's DefaultLogger reads this property when it first logs; an
    # already-initialised JUL is reconfigured directly.
    jpype.JClass("java.lang.System").setProperty("java.util.logging.config.file", str(props))
    stream = jpype.JClass("java.io.FileInputStream")(str(props))
    try:
        jpype.JClass("java.util.logging.LogManager").getLogManager().readConfiguration(stream)
    finally:
        stream.close()
    _LOGGING_CONFIGURED = True


_JVM_NOTICE = "WARNING: Using incubator modules"


def _start_jvm_quietly() -> None:
    """Start the JVM (once per process) without its start-up notice on the user's terminal.

    The JVM prints "WARNING: Using incubator modules: jdk.incubator.vector" on
    file descriptor 2; anything else it prints there is passed on.
    """
    import jpype
    from arcadedb_embedded.jvm import start_jvm

    heap = os.environ.get("POLICYGRAPH_JVM_HEAP", "2g")
    if jpype.isJVMStarted():
        return
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        try:
            start_jvm(heap_size=heap)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            other = [
                line for line in captured.read().decode("utf-8", "replace").splitlines()
                if line.strip() and not line.startswith(_JVM_NOTICE)
            ]  # fmt: skip
            if other:
                print("\n".join(other), file=sys.stderr)
    # Exit handlers run last-registered first: registered after JPype's own (which shuts
    # the JVM down and waits for the engine's threads, for ever while a client of another
    # process is still connected), this one stops the engines before it.
    atexit.register(_stop_all)


def tag_time_limit(cypher: str, seconds: float) -> str:
    """The query with its time limit in a leading comment, for the watchdog to read."""
    return f"/* policygraph time-limit-ms={max(1, round(seconds * 1000))} */\n{cypher}"


def strip_time_limit(text: str) -> str:
    """Text of the engine's messages without the limit comment (they quote the query)."""
    return _LIMIT_TAG.sub("", text)


class QueryWatchdog:
    """Stops reader queries past their time limit, and those beyond CONSOLE_SLOTS at once;
    named queries (admin, READ mode) past the limit they carry.

    `RunningQuery.terminate` makes the engine abandon the query at its next check
    (within milliseconds, measured); the client then gets `Terminated` with our reason.
    """

    def __init__(self, registry, interval: float = WATCHDOG_INTERVAL_S):
        self._registry = registry
        self._interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="policygraph-query-watchdog", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import jpype

        # attached as a daemon, so that this thread never holds the JVM open at exit
        jpype.JClass("java.lang.Thread").attachAsDaemon()
        while not self._stopping.wait(self._interval):
            with contextlib.suppress(Exception):  # a query ending mid-sweep must not stop the watchdog
                self.sweep()

    def sweep(self) -> None:
        running = [q for q in self._registry.getRunning() if not q.isTerminated()]
        running.sort(key=lambda q: int(q.getStartedAt()))
        readers = []
        for query in running:
            reader = str(query.getUser()) == READER_USER
            if reader:
                readers.append(query)
            limit_ms = _limit_ms(query, reader=reader)
            if limit_ms is not None and int(query.getElapsedMillis()) > limit_ms:
                query.terminate(TIME_LIMIT_REASON)
        live = [q for q in readers if not q.isTerminated()]
        for query in live[CONSOLE_SLOTS:]:
            query.terminate(BUSY_REASON)


def _limit_ms(query, *, reader: bool) -> float | None:
    """A console query's limit (its own, at most the ceiling); a named query's own limit; none
    for the package's untagged work (ingest)."""
    tag = _LIMIT_TAG.match(str(query.getText() or ""))
    if reader:
        return min(int(tag.group(1)), CONSOLE_CEILING_S * 1000) if tag else CONSOLE_CEILING_S * 1000
    return int(tag.group(1)) if tag else None


class EmbeddedServer:
    """An ArcadeDB server running in this process, with Bolt on 127.0.0.1."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.root = data_dir / ENGINE_DIR
        self._server = None
        self._watchdog: QueryWatchdog | None = None
        self._owner_lock = None
        self.info: ServerInfo | None = None

    def start(self) -> ServerInfo:
        _start_jvm_quietly()
        import arcadedb_embedded as arcadedb

        self._take_owner_lock()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            _prepare_engine_dir(self.root)
        except OSError as err:
            self._release_owner_lock()
            raise _folder_problem(self.data_dir, err) from None
        _quiet_java_logging(self.root)
        admin_password = "pg-" + secrets.token_urlsafe(18)
        reader_password = "pg-" + secrets.token_urlsafe(18)
        bolt_port, http_port = _free_port(), _free_port()
        server = arcadedb.create_server(
            str(self.root),
            root_password=admin_password,
            config={
                "host": "127.0.0.1",
                "http_port": http_port,
                "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
                "bolt_port": bolt_port,
                "bolt_host": "127.0.0.1",
            },
        )
        try:
            server.start()
        except Exception as err:
            self._release_owner_lock()
            raise StoreError(f"Cannot start the embedded graph database in {self.root}: {err}") from None
        self._server = server
        java = server._java_server
        if not java.existsDatabase(DATABASE):
            server.create_database(DATABASE)
        self._set_users(java.getSecurity(), admin_password, reader_password)
        self._watchdog = QueryWatchdog(java.getRunningQueries())
        self._watchdog.start()
        self.info = ServerInfo(
            pid=os.getpid(),
            bolt_port=bolt_port,
            http_port=http_port,
            database=DATABASE,
            admin_user=ADMIN_USER,
            admin_password=admin_password,
            reader_user=READER_USER,
            reader_password=reader_password,
        )
        _write_private(self.data_dir / DISCOVERY_FILE, json.dumps(asdict(self.info)))
        return self.info

    def _take_owner_lock(self) -> None:
        handle = open(self.data_dir / OWNER_LOCK, "a+")  # noqa: SIM115 (kept open while the engine runs)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise StoreError(
                f"Another process runs the graph database of {self.data_dir} but left no server.json: "
                "stop it, or retry in a moment."
            ) from None
        self._owner_lock = handle

    def _release_owner_lock(self) -> None:
        handle, self._owner_lock = getattr(self, "_owner_lock", None), None
        if handle is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    @staticmethod
    def _set_users(security, admin_password: str, reader_password: str) -> None:
        """Root keeps the password of the directory's first start unless reset: reset both each start."""
        import jpype

        security.setUserPassword(ADMIN_USER, admin_password)
        if security.existsUser(READER_USER):
            security.setUserPassword(READER_USER, reader_password)
        else:
            user = {
                "name": READER_USER,
                "password": str(security.encodePassword(reader_password)),
                "databases": {DATABASE: [READER_USER]},
            }
            json_object = jpype.JClass("com.arcadedb.serializer.json.JSONObject")
            security.createUser(json_object(json.dumps(user)))

    def stop(self) -> None:
        discovery = self.data_dir / DISCOVERY_FILE
        with contextlib.suppress(ValueError, OSError):
            if json.loads(discovery.read_text(encoding="utf-8")).get("pid") == os.getpid():
                discovery.unlink()
        if self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None
        if self._server is not None:
            java = self._server._java_server
            self._server.stop()
            self._server = None
            with contextlib.suppress(Exception):
                _close_bolt_connections(java)
        self._release_owner_lock()


def _close_bolt_connections(java_server) -> None:
    """Close the sockets of the Bolt connections the stopped engine leaves open.

    Stopping the server closes its listener but not the connection threads of clients
    in other processes; each is a non-daemon Java thread blocked on its socket, so the
    JVM (and this process) could not exit until every such client had gone.
    """
    import jpype

    executor = jpype.JClass("com.arcadedb.bolt.BoltNetworkExecutor")
    server_field = executor.class_.getDeclaredField("server")
    socket_field = executor.class_.getDeclaredField("socket")
    server_field.setAccessible(True)
    socket_field.setAccessible(True)
    for thread in jpype.JClass("java.lang.Thread").getAllStackTraces().keySet():
        if isinstance(thread, executor) and server_field.get(thread).equals(java_server):
            socket_field.get(thread).close()


# data dir -> [server, number of open stores using it]
_RUNNING: dict[Path, list] = {}
_RUNNING_LOCK = threading.Lock()


def acquire(data_dir: Path, *, start: bool = True) -> ServerInfo:
    """A live server for `data_dir`: this process's, another process's, or a new one."""
    with _RUNNING_LOCK:
        if data_dir in _RUNNING:
            _RUNNING[data_dir][1] += 1
            return _RUNNING[data_dir][0].info
        with _start_lock(data_dir):
            found = read_discovery(data_dir)
            if found is not None:
                return found
            if not start:
                raise StoreError(
                    f"No embedded graph database is running for {data_dir} "
                    "(no live server.json). Is it running? Start one with `policygraph serve`."
                )
            server = EmbeddedServer(data_dir)
            info = server.start()
            _RUNNING[data_dir] = [server, 1]
            return info


def release(data_dir: Path) -> None:
    """Stop this process's server when its last store closes."""
    with _RUNNING_LOCK:
        entry = _RUNNING.get(data_dir)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            del _RUNNING[data_dir]
            entry[0].stop()


def running_queries(data_dir: Path) -> list[tuple[str, int]]:
    """(user, milliseconds so far) of each query the engine of `data_dir` runs now, if this
    process owns that engine; else an empty list."""
    with _RUNNING_LOCK:
        entry = _RUNNING.get(data_dir)
    if entry is None or entry[0]._server is None:
        return []
    registry = entry[0]._server._java_server.getRunningQueries()
    return [(str(q.getUser()), int(q.getElapsedMillis())) for q in registry.getRunning()]


def owns_server(data_dir: Path) -> bool:
    return data_dir in _RUNNING


_BEFORE_STOP: list[Callable[[], None]] = []


def before_stop(hook: Callable[[], None]) -> Callable[[], None]:
    """Run `hook` (closing this process's drivers) before the engines stop at exit.

    An engine stopped while this process's own drivers were still connected left the
    JVM's shutdown waiting for ever (the process never exited).
    """
    _BEFORE_STOP.append(hook)
    return hook


@atexit.register
def _stop_all() -> None:
    """A process that exits without closing its stores still removes its discovery files."""
    for hook in _BEFORE_STOP:
        with contextlib.suppress(Exception):
            hook()
    with _RUNNING_LOCK:
        for server, _count in list(_RUNNING.values()):
            with contextlib.suppress(Exception):
                server.stop()
        _RUNNING.clear()
