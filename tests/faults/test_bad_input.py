"""Every bad input of issue 9: one sentence, a non-zero exit, nothing half-written.

In-process through typer's CliRunner (no subprocess and JVM per call); the checks
that need another user or another process run as subprocesses.
"""

from __future__ import annotations

import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app

ROOT = Path(__file__).resolve().parents[2]
COUNT = "MATCH (n) RETURN count(n) AS n"
# two short made-up documents: the ingest tests need text the extractor reads, not the corpus
GOOD_TEXT = (
    "2015年9月25日，中美两国元首在华盛顿发表《中美元首气候变化联合声明》。\n"
    "2016年9月3日，中美两国在杭州共同批准《巴黎协定》。\n"
)


@pytest.fixture
def cli(monkeypatch):
    """Runs `policygraph ARGS` in this process with a clean NEO4J_* / data folder environment."""
    for key in list(os.environ):
        if key.startswith("NEO4J_") or key == "POLICYGRAPH_DATA_DIR":
            monkeypatch.delenv(key)
    runner = CliRunner()

    def run(*args: str, env: dict | None = None):
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run


def one_sentence_error(result) -> str:
    assert result.exit_code != 0, result.output
    text = result.output.strip()
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines, "no message at all"
    error = lines[-1]
    assert error.startswith(("Error:", "Usage:", "Try ", "│", "╭", "╰")) or "Error" in text, text
    return text


def test_data_folder_under_a_regular_file(cli, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = cli("query", COUNT, "--data-dir", str(blocker / "db"))
    text = one_sentence_error(result)
    assert "is a file, not a folder" in text
    assert blocker.read_text() == "not a folder"


def _as_nobody() -> list[str]:
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root ignores folder permissions and setpriv is missing to drop them")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]


def test_read_only_data_folder():
    """A folder the user may not write: as root (CI) the check runs as the user nobody."""
    base = Path(tempfile.mkdtemp(prefix="pg-readonly-"))
    try:
        folder = base / "db"
        folder.mkdir()
        base.chmod(0o755)
        folder.chmod(0o555)
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        env["HOME"] = str(base)
        result = subprocess.run(
            [*_as_nobody(), sys.executable, "-m", "policygraph", "query", COUNT, "--data-dir", str(folder)],
            capture_output=True, text=True, timeout=120, env=env, cwd=base,
        )  # fmt: skip
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().startswith("Error:") and len(result.stderr.strip().splitlines()) == 1
        assert "not writable" in result.stderr
        assert list(folder.iterdir()) == []
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("uri", ["http://localhost:7474", "not a uri", "bolt://", "ftp://x:1"])
def test_neo4j_uri_that_is_not_a_bolt_address(cli, uri):
    text = one_sentence_error(cli("query", COUNT, env={"NEO4J_URI": uri}))
    assert "NEO4J_URI must be a bolt:// or neo4j:// address" in text


def test_unresolvable_host_is_reported_as_such(cli, monkeypatch):
    """No name lookup leaves this machine: the resolver is replaced by one that knows no host."""
    real = socket.getaddrinfo

    def no_such_host(host, *args, **kwargs):
        if host == "db.example.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    text = one_sentence_error(cli("query", COUNT, env={"NEO4J_URI": "bolt://db.example.invalid:7687"}))
    assert "host name could not be resolved" in text
    assert "connection refused" not in text


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--start", "foo"], "--start must be a real date"),
        (["--start", "2016-02-30"], "--start must be a real date"),
        (["--end", "2016-13"], "--end must be a real date"),
        (["--start", "2020", "--end", "2016"], "is after --end"),
    ],
)
def test_export_period_must_be_real_dates(cli, tmp_path, args, expected):
    out = tmp_path / "x.csv"
    text = one_sentence_error(cli("export", "--format", "csv", "--out", str(out), *args))
    assert expected in text
    assert list(tmp_path.iterdir()) == []


def test_export_out_pointing_at_a_folder_writes_nothing(cli, tmp_path):
    target = tmp_path / "folder"
    target.mkdir()
    text = one_sentence_error(cli("export", "--format", "json", "--out", str(target)))
    assert "is a folder" in text
    assert list(target.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_extract_out_pointing_at_a_folder_leaves_no_temp_file(cli, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD_TEXT, encoding="utf-8")
    target = tmp_path / "folder"
    target.mkdir()
    text = one_sentence_error(cli("extract", str(doc), "--out", str(target), "--no-ner"))
    assert "is a folder" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "folder"]
    assert list(target.iterdir()) == []


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--timeout", "-1"], "--timeout must be"),
        (["--timeout", "inf"], "--timeout must be"),
        (["--timeout", "nan"], "--timeout must be"),
        (["--timeout", "0"], "--timeout must be"),
        (["--timeout", "1e9"], "--timeout must be"),
        (["--limit", "-1"], "--limit must be 0 or more"),
    ],
)
def test_query_limits_out_of_range(cli, tmp_path, args, expected):
    text = one_sentence_error(cli("query", COUNT, *args, "--data-dir", str(tmp_path / "db")))
    assert expected in text
    assert not (tmp_path / "db").exists(), "a refused command must not create the data folder"


def test_store_read_refuses_bad_limits_too(graph_store):
    from policygraph.graph.errors import QueryError

    for kwargs in ({"limit": -1}, {"timeout": -1}, {"timeout": math.inf}, {"timeout": math.nan}):
        with pytest.raises(QueryError):
            graph_store.read(COUNT, **kwargs)


def test_drop_constraint_if_exists_is_refused_like_other_schema_commands(graph_store):
    from policygraph.graph.errors import ReadOnlyViolation

    for statement in (
        "DROP CONSTRAINT foo IF EXISTS",
        "DROP INDEX foo IF EXISTS",
        "CREATE INDEX x IF NOT EXISTS FOR (n:A) ON (n.b)",
    ):
        with pytest.raises(ReadOnlyViolation) as caught:
            graph_store.read(statement)
        assert "read-only" in str(caught.value) and "\n" not in str(caught.value)


def _documents(folder: Path, good: int, bad: dict[str, bytes]) -> Path:
    folder.mkdir()
    for number in range(good):
        (folder / f"good{number}.txt").write_text(
            GOOD_TEXT.replace("2015", str(2010 + number)), encoding="utf-8"
        )
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    return folder


BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02PK\x03\x04" * 50,
    "latin.txt": bytes(range(128, 256)) * 4,
}


def test_ingest_with_some_bad_files_exits_1_with_a_per_file_summary(cli, tmp_path):
    docs = _documents(tmp_path / "docs", 2, BAD_FILES)
    result = cli("ingest", str(docs), "--data-dir", str(tmp_path / "db"))
    assert result.exit_code == 1, result.output
    assert "Loaded 2 document(s)" in result.output
    for name in BAD_FILES:
        assert f"not loaded: {docs / name}" in result.output
    assert "3 of 5 file(s) could not be read" in result.output
    assert "Traceback" not in result.output


def test_ingest_of_a_folder_with_no_readable_document_exits_1(cli, tmp_path):
    docs = _documents(tmp_path / "docs", 0, BAD_FILES)
    result = cli("ingest", str(docs), "--data-dir", str(tmp_path / "db"))
    assert result.exit_code == 1
    assert "none of the 3 file(s) could be read" in result.output
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = cli("ingest", str(empty), "--data-dir", str(tmp_path / "db"))
    assert result.exit_code == 1 and "no text file" in result.output
