"""Every CLI command, run as a user runs it: as a subprocess on a real embedded store."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
DOC_004 = CORPUS / "004_df5491b8e29ad4b0.txt"
COUNT_EVENTS = "MATCH (e:Event) RETURN count(e) AS n"


def policygraph(
    *args: str, env: dict | None = None, target=None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run the CLI; `target` (a conftest GraphTarget) adds its --data-dir and NEO4J_* variables."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    if target is not None:
        args = (*args, "--data-dir", str(target.data_dir))
        full_env.update(target.env)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "policygraph", *args],
        capture_output=True, text=True, timeout=timeout, env=full_env, cwd=ROOT,
    )  # fmt: skip


def event_count(target) -> int:
    result = policygraph("query", COUNT_EVENTS, "--format", "json", target=target)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)[0]["n"]


@pytest.fixture(scope="module")
def ingested(new_graph):
    """A new graph of the session's backend holding the whole bundled corpus, ingested by the CLI."""
    target = new_graph("cli")
    result = policygraph("ingest", target=target)
    assert result.returncode == 0, result.stderr
    assert "Loaded 5 document(s)" in result.stdout
    assert "notification" not in result.stderr, "Neo4j's warnings about new keys reach the user"
    return target


def test_help_documents_every_command():
    result = policygraph("--help")
    assert result.returncode == 0
    for command in ("ingest", "extract", "query", "serve", "export"):
        assert command in result.stdout


def test_extract_writes_json_lines_without_a_database(tmp_path):
    out = tmp_path / "events.jsonl"
    result = policygraph("extract", str(DOC_004), "--out", str(out))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 10
    original = DOC_004.read_text(encoding="utf-8")
    for record in records:
        assert record["doc"] == DOC_004.name
        evidence = record["evidence"]
        assert original[evidence["start"] : evidence["end"]] == evidence["text"]
    assert not (tmp_path / "server.json").exists()


def test_extract_reports_an_empty_file_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = policygraph("extract", str(empty), "--out", str(out))
    assert result.returncode == 1
    assert "empty.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_ingest_is_idempotent(ingested):
    count_all = ("query", "MATCH (n) RETURN count(n) AS n", "-f", "json")
    before = policygraph(*count_all, target=ingested)
    again = policygraph("ingest", target=ingested)
    assert again.returncode == 0, again.stderr
    assert "5 unchanged" in again.stdout
    after = policygraph(*count_all, target=ingested)
    assert json.loads(before.stdout) == json.loads(after.stdout)


def test_query_formats(ingested):
    cypher = "MATCH (e:Event) RETURN e.id AS id, e.date AS date ORDER BY id LIMIT 3"
    as_json = policygraph("query", cypher, "--format", "json", target=ingested)
    rows = json.loads(as_json.stdout)
    assert len(rows) == 3 and set(rows[0]) == {"id", "date"}
    as_csv = policygraph("query", cypher, "--format", "csv", target=ingested)
    assert as_csv.stdout.splitlines()[0] == "id,date"
    assert len(as_csv.stdout.splitlines()) == 4
    as_table = policygraph("query", cypher, target=ingested)
    assert "(3 rows)" in as_table.stdout


def test_query_parameters(ingested):
    result = policygraph(
        "query", "MATCH (e:Event) WHERE e.date STARTS WITH $year RETURN count(e) AS n",
        "--param", 'year="2014"', "-f", "json", target=ingested,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["n"] >= 1


def test_query_refuses_writes_and_leaves_the_graph_unchanged(ingested):
    before = event_count(ingested)
    result = policygraph("query", "CREATE (x:Probe) RETURN x", target=ingested)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "read-only" in result.stderr.lower()
    assert event_count(ingested) == before
    probes = policygraph("query", "MATCH (x:Probe) RETURN count(x) AS n", "-f", "json", target=ingested)
    assert json.loads(probes.stdout)[0]["n"] == 0


@pytest.mark.parametrize("fmt", ["csv", "json", "graphml", "gexf", "timelinejs"])
def test_export_every_format(ingested, tmp_path, fmt):
    out = tmp_path / f"export.{fmt}"
    result = policygraph("export", "--format", fmt, "--out", str(out), target=ingested)
    assert result.returncode == 0, result.stderr
    if fmt in ("graphml", "gexf"):
        graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert graph.number_of_nodes() > 5 and graph.number_of_edges() > 5
    elif fmt in ("json", "timelinejs"):
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data
    else:
        assert out.read_text(encoding="utf-8").count("\n") > 10


def test_unreachable_neo4j_gives_one_sentence(tmp_path):
    result = policygraph(
        "query", COUNT_EVENTS,
        env={"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "x"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("Error:")
    assert len(result.stderr.strip().splitlines()) == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_query_reaches_the_server_held_by_serve(ingested):
    """While `serve` holds the embedded engine, `query` connects to it instead of reopening files."""
    if ingested.kind != "embedded":
        pytest.skip("the embedded engine's sharing through server.json (Neo4j is a server anyway)")
    ingested_dir = ingested.data_dir
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "policygraph", "serve", "--port", str(port), "--data-dir", str(ingested_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not (ingested_dir / "server.json").exists():
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "serve did not start its database"
            time.sleep(0.5)
        assert event_count(ingested) > 0
        refused = policygraph("query", "CREATE (x:Probe) RETURN x", target=ingested)
        assert refused.returncode != 0 and "Traceback" not in refused.stderr
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not (ingested_dir / "server.json").exists()
