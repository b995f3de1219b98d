"""Shared fixtures: every graph test runs on each BACKEND — the embedded engine and a real Neo4j.

`backend` is a session fixture with the params "embedded" and "neo4j"; every fixture below that
holds a graph depends on it, so each graph, CLI, export and UI test runs once per backend.
`pytest --backend neo4j` (`make test-neo4j`) runs only those tests, on Neo4j only;
`--backend embedded` only the embedded ones; the default runs both.

- embedded: ONE ArcadeDB server in this process's JVM (which starts once per process and
  cannot be restarted), in a temporary data directory. Further servers in the same JVM work
  (one per data directory), so a test that needs an empty graph may `open_store(tmp_path)`.
- neo4j: a real Neo4j 5.26 community server started from Maven Central jars
  (`tests/neo4j_server.py`, needs `java` 17/21 and `mvn`), one JVM for the session with one
  server per test graph (community edition has one database per server). Where Java or Maven
  is missing the Neo4j half skips with the reason (and `--backend neo4j` fails instead).
  With NEO4J_URI set, that server is used instead: its database must start empty, and each
  test graph empties it again (point it at a throwaway server).

Fixtures
- `backend`         "embedded" or "neo4j".
- `new_graph`       factory: `new_graph(name, tx_timeout_s=None)` -> `GraphTarget` of a new,
  empty graph (names are unique in a session).
- `graph_target`    the `GraphTarget` of `graph_store`: its `data_dir` and the environment
  (`env`, `apply(monkeypatch)`) that sends a subprocess or the UI to the same graph.
- `graph_data_dir`  `graph_target.data_dir` (on the embedded engine it holds `server.json`
  while the server runs, so `policygraph query --data-dir DIR` connects to this same server).
- `graph_store`     the open `GraphStore`, schema ensured, loaded with the reference data
  (`extract.knowledge`: actors, things, offices, curated milestones) and the hand-made records
  of `tests/data/sample_records.jsonl` (documents `sample_001.txt`, `sample_002.txt`). Treat it
  as read-only; a test that writes must use its own document ids and remove them with
  `forget_document(store, doc_id)` before it ends.
- `sample_documents` list of `(extract.DocumentInfo, records)` pairs, one per sample document.
- `graph_helpers`   the helper functions below as attributes (`read_sample_records`,
  `documents_of`, `forget_document`), for tests that load their own documents.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import neo4j
import pytest
from policygraph.extract import DocumentInfo

SAMPLE_RECORDS = Path(__file__).parent / "data" / "sample_records.jsonl"


def read_sample_records(path: Path = SAMPLE_RECORDS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def documents_of(records: list[dict]) -> list[tuple[DocumentInfo, list[dict]]]:
    """Group records by document; each document's sha256 is that of its records, so editing a
    record changes it the way editing a file does."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_doc[record["doc"]].append(record)
    pairs = []
    for doc_id, doc_records in sorted(by_doc.items()):
        digest = hashlib.sha256(
            json.dumps(doc_records, ensure_ascii=False, sort_keys=True).encode()
        ).hexdigest()
        doc = DocumentInfo(
            id=doc_id,
            path=Path(doc_id),
            title=f"Sample {doc_id}",
            publisher="policygraph tests",
            sha256=digest,
        )
        pairs.append((doc, doc_records))
    return pairs


def forget_document(store, doc_id: str) -> None:
    """Remove a test document, its mentions and the extracted events left without mentions."""
    from policygraph.graph import loader

    def work(tx):
        loader.remove_document_mentions(tx, doc_id)
        tx.run("MATCH (d:Document {id: $id}) DETACH DELETE d", id=doc_id).consume()

    store._write(work)


BACKENDS = ("embedded", "neo4j")


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--backend",
        choices=("both", *BACKENDS),
        default="both",
        help="graph engine(s) for the graph, CLI, export and UI tests: both (default), embedded, neo4j "
        "(neo4j: only the backend tests, and a missing Java/Maven is an error, not a skip)",
    )


def _backend_of(item) -> str | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("backend") if callspec else None


_NEO4J_ITEMS: set[str] = set()
_NEO4J_OUTCOMES: dict[str, int] = defaultdict(int)
_NEO4J_STATE: dict[str, str] = {}


@pytest.hookimpl(trylast=True)  # after -k/-m deselection, so the Neo4j count is what runs
def pytest_collection_modifyitems(config, items) -> None:
    wanted = config.getoption("--backend")
    keep, drop = [], []
    for item in items:
        backend = _backend_of(item)
        if wanted == "both" or backend == wanted or (backend is None and wanted == "embedded"):
            keep.append(item)
        else:
            drop.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
    _NEO4J_ITEMS.update(item.nodeid for item in items if _backend_of(item) == "neo4j")


def pytest_runtest_logreport(report) -> None:
    if report.nodeid not in _NEO4J_ITEMS:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _NEO4J_OUTCOMES[report.outcome] += 1


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not _NEO4J_ITEMS:
        return
    counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(_NEO4J_OUTCOMES.items()))
    if "skipped" in _NEO4J_STATE:
        line = f"Neo4j backend SKIPPED ({len(_NEO4J_ITEMS)} tests): {_NEO4J_STATE['skipped']}"
    else:
        version = _NEO4J_STATE.get("version", "?")
        line = f"Neo4j backend: {len(_NEO4J_ITEMS)} tests on Neo4j {version}: {counts or 'none run'}"
    terminalreporter.write_sep("=", line, bold=True, yellow="skipped" in _NEO4J_STATE)


@dataclass
class GraphTarget:
    """Where one test graph lives, and the environment that sends a process or the UI there."""

    kind: str
    data_dir: Path
    neo4j_env: dict[str, str] = field(default_factory=dict)  # NEO4J_* variables; none on embedded

    @property
    def env(self) -> dict[str, str]:
        """Variables to add to an environment stripped of NEO4J_* (as the CLI tests do)."""
        return {**self.neo4j_env, "POLICYGRAPH_DATA_DIR": str(self.data_dir)}

    def apply(self, monkeypatch) -> None:
        for name in [k for k in os.environ if k.startswith("NEO4J_")]:
            monkeypatch.delenv(name)
        for name, value in self.env.items():
            monkeypatch.setenv(name, value)

    @contextlib.contextmanager
    def active(self):
        saved = dict(os.environ)
        for name in [k for k in os.environ if k.startswith("NEO4J_")]:
            del os.environ[name]
        os.environ.update(self.env)
        try:
            yield self
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def open(self):
        from policygraph.graph import open_store

        with self.active():
            return open_store(self.data_dir)


class _ExternalNeo4j:
    """NEO4J_URI's server: one database, so it can hold one test graph (that of graph_store)."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.used = False
        self.version = "(NEO4J_URI)"

    def new_graph(self, name: str, tx_timeout_s: int | None = None) -> dict[str, str]:
        if self.used or tx_timeout_s is not None:
            pytest.skip(f"graph {name!r} needs a server of its own; NEO4J_URI's server holds one graph")
        self.used = True
        return self.env


@pytest.fixture(scope="session")
def neo4j_server(request, tmp_path_factory):
    """A Neo4j 5.26 test JVM (or NEO4J_URI's server); skips (fails with --backend neo4j) without one."""
    import neo4j_server as helper

    strict = request.config.getoption("--backend") == "neo4j"
    if os.environ.get("NEO4J_URI"):
        env = {k: os.environ[k] for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD") if k in os.environ}
        env.setdefault("NEO4J_USER", "neo4j")
        auth = (env["NEO4J_USER"], env.get("NEO4J_PASSWORD", ""))
        with neo4j.GraphDatabase.driver(env["NEO4J_URI"], auth=auth) as driver:
            if driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]:
                reason = "NEO4J_URI's database is not empty; the tests need an empty, throwaway one"
                _NEO4J_STATE["skipped"] = reason
                (pytest.fail if strict else pytest.skip)(reason)
        _NEO4J_STATE["version"] = "at NEO4J_URI"
        yield _ExternalNeo4j(env)
        return
    server = helper.Neo4jServer(tmp_path_factory.mktemp("neo4j-server"))
    try:
        graph = server.start()
    except helper.Neo4jUnavailable as err:
        _NEO4J_STATE["skipped"] = str(err)
        (pytest.fail if strict else pytest.skip)(f"Neo4j backend skipped: {err}")
    _NEO4J_STATE["version"] = graph.version
    first = [graph]

    class Running:
        version = graph.version

        @staticmethod
        def new_graph(name: str, tx_timeout_s: int | None = None) -> dict[str, str]:
            if first and tx_timeout_s is None:
                return first.pop().env
            return server.new_graph(name, tx_timeout_s=tx_timeout_s).env

    try:
        yield Running()
    finally:
        server.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    if request.param == "neo4j":
        request.getfixturevalue("neo4j_server")
    return request.param


@pytest.fixture(scope="session")
def new_graph(request, backend, tmp_path_factory):
    """`new_graph(name)` -> the GraphTarget of a new, empty graph on the session's backend;
    `tx_timeout_s` sets a Neo4j server's own transaction timeout (the embedded engine has none)."""

    def make(name: str, tx_timeout_s: int | None = None) -> GraphTarget:
        data_dir = tmp_path_factory.mktemp(f"{name}-{backend}")
        if backend == "embedded":
            return GraphTarget("embedded", data_dir)
        server = request.getfixturevalue("neo4j_server")
        return GraphTarget("neo4j", data_dir, server.new_graph(name, tx_timeout_s))

    return make


@pytest.fixture(scope="session")
def graph_target(new_graph) -> GraphTarget:
    return new_graph("graph-store")


@pytest.fixture(scope="session")
def graph_data_dir(graph_target) -> Path:
    return graph_target.data_dir


@pytest.fixture(scope="session")
def graph_store(graph_target):
    from policygraph.extract.knowledge import load_knowledge, reference_records

    store = graph_target.open()
    try:
        store.ensure_schema()
        store.load_reference(reference_records(load_knowledge()))
        for doc, records in documents_of(read_sample_records()):
            store.load_document(doc, records)
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def sample_documents() -> list[tuple[DocumentInfo, list[dict]]]:
    return documents_of(read_sample_records())


@pytest.fixture(scope="session")
def graph_helpers():
    return SimpleNamespace(
        read_sample_records=read_sample_records,
        documents_of=documents_of,
        forget_document=forget_document,
    )


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session, exitstatus) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config) -> None:
    """Leave without tearing down the JVM once every result is written.

    This process has run several embedded servers and abandoned a query on purpose
    (the time-limit test); JPype's JVM shutdown at interpreter exit then crashed
    with SIGSEGV once in several runs, after the summary line, turning a passing
    run into a failing one. The servers are already stopped and their discovery
    files removed by the fixtures, so nothing is lost by exiting directly.
    """
    if _EXIT_STATUS and "jpype" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
