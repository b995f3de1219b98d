"""Shared fixtures: ONE embedded graph engine for the whole test session.

The embedded ArcadeDB runs in this process's JVM, which starts once per process
(a few seconds) and cannot be restarted; so the server is started once, in a
temporary data directory, and every test shares it. Further servers in the same
JVM do work (tried: one per data directory, side by side, and stop + start on the
same directory), so a test that needs an empty graph may call
`open_store(tmp_path)` and close it: about a second each.

Fixtures
- `graph_data_dir`  the session's data directory (holds `server.json` while the server runs, so
  a subprocess such as `policygraph query --data-dir DIR` connects to this same server).
- `graph_store`     the open `GraphStore` (kind "embedded"), schema ensured, loaded with the
  reference data (`extract.knowledge`: actors, things, offices, curated milestones) and the
  hand-made records of `tests/data/sample_records.jsonl` (documents `sample_001.txt`,
  `sample_002.txt`). Treat it as read-only; a test that writes must use its own document ids
  and remove them with `forget_document(store, doc_id)` before it ends.
- `sample_documents` list of `(extract.DocumentInfo, records)` pairs, one per sample document.
- `neo4j_store`     a store on the real Neo4j of `NEO4J_URI`; tests using it are marked
  `@pytest.mark.neo4j` and skip when `NEO4J_URI` is unset.

- `graph_helpers`   the helper functions below as attributes (`read_sample_records`,
  `documents_of`, `forget_document`), for tests that load their own documents.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

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


@pytest.fixture(scope="session")
def graph_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("graph-store")


@pytest.fixture(scope="session")
def graph_store(graph_data_dir):
    from policygraph.extract.knowledge import load_knowledge, reference_records
    from policygraph.graph import open_store

    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("NEO4J_")}
    try:
        store = open_store(graph_data_dir)
        store.ensure_schema()
        store.load_reference(reference_records(load_knowledge()))
        for doc, records in documents_of(read_sample_records()):
            store.load_document(doc, records)
        yield store
        store.close()
    finally:
        os.environ.update(saved)


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


@pytest.fixture(scope="session")
def neo4j_store():
    if not os.environ.get("NEO4J_URI"):
        pytest.skip("needs a real Neo4j server (set NEO4J_URI)")
    from policygraph.graph import open_store

    store = open_store()
    store.ensure_schema()
    yield store
    store.close()


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
