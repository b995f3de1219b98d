"""A real Neo4j 5.26 community server for the tests, started from Maven Central jars.

`tests/neo4j/` is a small Maven project: its pom names the `org.neo4j:neo4j` jars and its
`Main` starts the embedded database management service with Bolt on 127.0.0.1 (auth on,
HTTP off, a server-side transaction timeout, a 64 MiB page cache). This module asks Maven
for the class path once (cached in `tests/neo4j/target/`, keyed by the pom's hash), compiles
`Main` with javac, starts it on a free port and waits for its ready line and for the driver.

Community edition serves one user database per server; `Neo4jServer.new_graph(name)`
starts another server in the same JVM (a few seconds) so each test graph starts empty.

    python tests/neo4j_server.py --prepare   # fetch the jars and compile (CI does this first)
    python tests/neo4j_server.py             # start one, print its URI, stop on Ctrl-C
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent / "neo4j"
TARGET = PROJECT / "target"
MAIN_SOURCE = PROJECT / "src" / "main" / "java" / "policygraph" / "testneo4j" / "Main.java"
MAIN_CLASS = "policygraph.testneo4j.Main"
USER = "neo4j"
# Neo4j 5.26 runs on Java 17 and 21.
SUPPORTED_JAVA = (17, 21)
# The JVM module openings the `neo4j` launcher script passes; a bare `java -cp` lacks them.
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)


class Neo4jUnavailable(RuntimeError):
    """Java or Maven is missing, or the server did not start: the message says which."""


@dataclass(frozen=True)
class Graph:
    """One empty database on a running server, and how a client reaches it."""

    name: str
    uri: str
    user: str
    password: str
    version: str

    @property
    def env(self) -> dict[str, str]:
        return {"NEO4J_URI": self.uri, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password}


def _java_major(java: str) -> int | None:
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r'version "(\d+)', done.stderr + done.stdout)
    return int(found.group(1)) if found else None


def find_java() -> tuple[str, str]:
    """(java, javac) of JAVA_HOME or the PATH, of a Java that Neo4j 5.26 supports."""
    home = os.environ.get("JAVA_HOME")
    candidates = [Path(home) / "bin"] if home else []
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(os.path.realpath(on_path)).parent)
    seen = []
    for folder in candidates:
        java, javac = folder / "java", folder / "javac"
        if not java.exists():
            continue
        major = _java_major(str(java))
        seen.append(f"{java} is Java {major}")
        if major in SUPPORTED_JAVA and javac.exists():
            return str(java), str(javac)
    if not seen:
        raise Neo4jUnavailable("no `java` found (install OpenJDK 17 and Maven)")
    raise Neo4jUnavailable(
        f"Neo4j 5.26 needs a JDK 17 or 21 with javac ({'; '.join(seen)}); set JAVA_HOME to one"
    )


def _maven_env(java: str) -> dict[str, str]:
    env = dict(os.environ)
    env["JAVA_HOME"] = str(Path(java).resolve().parent.parent)
    return env


def prepare(*, timeout: float = 1800) -> tuple[str, str]:
    """Fetch the jars (once), compile Main (when changed); return (java, class path)."""
    java, javac = find_java()
    mvn = shutil.which("mvn")
    if not mvn:
        raise Neo4jUnavailable("no `mvn` found (install Maven)")
    TARGET.mkdir(exist_ok=True)
    pom_hash = hashlib.sha256((PROJECT / "pom.xml").read_bytes()).hexdigest()
    cp_file, cp_key = TARGET / "classpath.txt", TARGET / "classpath.sha256"
    if not (cp_file.exists() and cp_key.exists() and cp_key.read_text().strip() == pom_hash):
        done = subprocess.run(
            [mvn, "-q", "-B", "dependency:build-classpath", f"-Dmdep.outputFile={cp_file}"],
            cwd=PROJECT, capture_output=True, text=True, timeout=timeout, env=_maven_env(java),
        )  # fmt: skip
        if done.returncode != 0 or not cp_file.exists():
            tail = (done.stdout + done.stderr).strip().splitlines()[-5:]
            raise Neo4jUnavailable("Maven could not fetch Neo4j's jars: " + " | ".join(tail))
        cp_key.write_text(pom_hash)
    dependencies = cp_file.read_text().strip()
    classes = TARGET / "classes"
    compiled = classes / (MAIN_CLASS.replace(".", "/") + ".class")
    if not compiled.exists() or compiled.stat().st_mtime < MAIN_SOURCE.stat().st_mtime:
        done = subprocess.run(
            [javac, "--release", "17", "-encoding", "UTF-8", "-d", str(classes),
             "-cp", dependencies, str(MAIN_SOURCE)],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        if done.returncode != 0:
            raise Neo4jUnavailable("javac failed on tests/neo4j: " + done.stderr.strip()[-500:])
    return java, f"{classes}{os.pathsep}{dependencies}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Neo4jServer:
    """One JVM holding one or more Neo4j servers (one per test graph), each on its own port."""

    def __init__(self, root: Path, *, tx_timeout_s: int = 60, heap: str = "1g"):
        self.root = Path(root)
        self.tx_timeout_s = tx_timeout_s
        self.heap = heap
        self.password = secrets.token_urlsafe(18)
        self.version = ""
        self._process: subprocess.Popen | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._lock = threading.Lock()
        self._log = None

    def start(self, *, timeout: float = 180) -> Graph:
        java, classpath = prepare()
        self.root.mkdir(parents=True, exist_ok=True)
        port = free_port()
        self._log = open(self.root / "jvm.log", "ab")  # noqa: SIM115 - closed in stop()
        env = dict(os.environ, NEO4J_TEST_PASSWORD=self.password)
        self._process = subprocess.Popen(
            [java, f"-Xmx{self.heap}", *JVM_OPTIONS, "-cp", classpath, MAIN_CLASS,
             str(self.root), str(port), str(self.tx_timeout_s)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, env=env, text=True,
        )  # fmt: skip
        threading.Thread(target=self._read_stdout, daemon=True, name="neo4j-stdout").start()
        try:
            return self._await("main", port, timeout)
        except BaseException:
            self.stop()
            raise

    def new_graph(self, name: str, *, tx_timeout_s: int | None = None, timeout: float = 120) -> Graph:
        """Another server in the same JVM with an empty database (community has one database each);
        `tx_timeout_s` overrides the server-side transaction timeout for this one."""
        if self._process is None or self._process.poll() is not None:
            raise Neo4jUnavailable("the Neo4j test JVM is not running")
        with self._lock:
            port = free_port()
            assert self._process.stdin is not None
            extra = f" {tx_timeout_s}" if tx_timeout_s is not None else ""
            self._process.stdin.write(f"start {name} {port}{extra}\n")
            self._process.stdin.flush()
            return self._await(name, port, timeout)

    def _read_stdout(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.put(line.strip())
        self._lines.put(None)

    def _await(self, name: str, port: int, timeout: float) -> Graph:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Neo4jUnavailable(f"Neo4j server {name!r} did not start within {timeout:g} s")
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise Neo4jUnavailable(
                    f"the Neo4j test JVM exited (status {self._process.wait()}); see {self.root / 'jvm.log'}"
                )
            words = line.split(" ", 3)
            if words[:2] == ["FAILED", name]:
                raise Neo4jUnavailable(f"Neo4j server {name!r} failed to start: {line}")
            if words[:2] == ["READY", name]:
                uri, self.version = words[2], words[3] if len(words) > 3 else ""
                graph = Graph(name, uri, USER, self.password, self.version)
                _verify(graph)
                return graph

    def stop(self, *, timeout: float = 60) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                assert process.stdin is not None
                process.stdin.close()  # Main stops every server and exits
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None


def _verify(graph: Graph, timeout: float = 60) -> None:
    import neo4j

    deadline = time.monotonic() + timeout
    while True:
        try:
            with neo4j.GraphDatabase.driver(graph.uri, auth=(graph.user, graph.password)) as driver:
                driver.verify_connectivity()
            return
        except Exception as err:  # the connector may still be opening
            if time.monotonic() > deadline:
                raise Neo4jUnavailable(f"Neo4j at {graph.uri} did not answer: {err}") from None
            time.sleep(0.5)


def main(argv: list[str]) -> int:
    import tempfile

    try:
        if "--prepare" in argv:
            started = time.perf_counter()
            prepare()
            print(f"Neo4j test server ready to start ({time.perf_counter() - started:.0f} s)")
            return 0
        with tempfile.TemporaryDirectory(prefix="policygraph-neo4j-") as root:
            server = Neo4jServer(Path(root))
            graph = server.start()
            print(f"Neo4j {graph.version} at {graph.uri} (user {graph.user}, password {graph.password})")
            print("Ctrl-C stops it.")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
            finally:
                server.stop()
    except Neo4jUnavailable as err:
        print(f"Error: {err}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
