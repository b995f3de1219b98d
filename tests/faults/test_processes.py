"""Several processes on one data folder: stale and hostile server.json, an owner that goes
away, two ingests at once, and kill -9 in the middle of an ingest."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from policygraph.graph import StoreError, embedded, open_store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
OWNER_SCRIPT = """
import sys
from pathlib import Path
from policygraph.graph import open_store
store = open_store(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()  # then exit without closing the store: the exit handlers stop the engine
"""


@pytest.fixture(autouse=True)
def _embedded_only(monkeypatch):
    for key in list(os.environ):
        if key.startswith("NEO4J_"):
            monkeypatch.delenv(key)


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}


def _policygraph(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "policygraph", *args],
        env=_env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _discovery(data_dir: Path) -> dict:
    return json.loads((data_dir / embedded.DISCOVERY_FILE).read_text(encoding="utf-8"))


def _fake_info(pid: int, port: int) -> dict:
    return {
        "pid": pid, "bolt_port": port, "http_port": port, "database": "policy",
        "admin_user": "root", "admin_password": "x", "reader_user": "reader", "reader_password": "x",
    }  # fmt: skip


def test_stale_server_json_of_a_live_unrelated_process_with_an_answering_port(tmp_path):
    """The pid is alive and the port answers, but no policygraph process owns the folder."""
    unrelated = subprocess.Popen(["sleep", "120"])
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        data_dir = tmp_path / "db"
        data_dir.mkdir()
        fake = _fake_info(unrelated.pid, listener.getsockname()[1])
        (data_dir / embedded.DISCOVERY_FILE).write_text(json.dumps(fake))
        started = time.monotonic()
        store = open_store(data_dir)
        try:
            assert store.read("RETURN 1 AS one").rows == [{"one": 1}]
            assert _discovery(data_dir)["pid"] == os.getpid()
        finally:
            store.close()
        assert time.monotonic() - started < 30
    finally:
        listener.close()
        unrelated.kill()
        unrelated.wait()


HOSTILE = {
    "not json": b"{this is not json",
    "a list": b"[1, 2, 3]",
    "port as text": json.dumps(_fake_info(1, 1) | {"bolt_port": "7687"}).encode(),
    "port out of range": json.dumps(_fake_info(1, 1) | {"bolt_port": 99999999}).encode(),
    "pid as text": json.dumps(_fake_info(1, 1) | {"pid": "1"}).encode(),
    "missing keys": json.dumps({"pid": 1}).encode(),
    "extra keys": json.dumps(_fake_info(1, 1) | {"command": "rm -rf ~"}).encode(),
    "binary": bytes(range(256)),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_server_json_is_replaced_not_trusted(tmp_path, case):
    data_dir = tmp_path / "db"
    data_dir.mkdir()
    (data_dir / embedded.DISCOVERY_FILE).write_bytes(HOSTILE[case])
    with open_store(data_dir) as store:
        assert store.read("RETURN 1 AS one").rows == [{"one": 1}]
        assert _discovery(data_dir)["pid"] == os.getpid()


def test_server_json_symlinked_elsewhere_leaves_the_target_alone(tmp_path):
    target = tmp_path / "precious.json"
    target.write_text(json.dumps(_fake_info(1, 1)))
    data_dir = tmp_path / "db"
    data_dir.mkdir()
    (data_dir / embedded.DISCOVERY_FILE).symlink_to(target)
    with open_store(data_dir) as store:
        assert store.read("RETURN 1 AS one").rows == [{"one": 1}]
    assert json.loads(target.read_text()) == _fake_info(1, 1)


def _start_owner(data_dir: Path) -> subprocess.Popen:
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER_SCRIPT, str(data_dir)], stdin=subprocess.PIPE,
        env=_env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert owner.stdout.readline().strip() == "ready", owner.stderr.read()
    return owner


@pytest.mark.parametrize("how", ["exit", "kill -9"])
def test_an_attached_process_is_told_the_server_stopped(tmp_path, how):
    data_dir = tmp_path / "db"
    owner = _start_owner(data_dir)
    try:
        store = open_store(data_dir)  # attaches through server.json
        assert not embedded.owns_server(store.db_dir)
        assert store.read("RETURN 1 AS one").rows == [{"one": 1}]
        if how == "exit":
            owner.stdin.write("stop\n")
            owner.stdin.flush()
        else:
            owner.send_signal(signal.SIGKILL)
        owner.wait(timeout=30)
        with pytest.raises(StoreError) as caught:
            store.read_trusted("MATCH (n) RETURN count(n) AS n")
        message = str(caught.value)
        assert "stopped" in message and "password" not in message and "\n" not in message
        store.close()
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()


def _two_documents(folder: Path) -> Path:
    folder.mkdir()
    for year in (2014, 2015):
        (folder / f"doc{year}.txt").write_text(
            f"{year}年11月12日，中美两国元首在北京发表《中美气候变化联合声明》。\n", encoding="utf-8"
        )
    return folder


def snapshot(data_dir: Path) -> tuple:
    with open_store(data_dir) as store:
        counts = store.counts()
        mentions = store.read_trusted(
            "MATCH (m:Mention) RETURN m.doc AS doc, m.start AS start, m.end AS end, m.date AS date "
            "ORDER BY doc, start, end"
        )
        events = store.read_trusted(
            "MATCH (e:Event) RETURN e.title AS title, e.date AS date ORDER BY title, date"
        )
    return counts, mentions, events


def test_two_ingests_started_together_both_succeed(tmp_path):
    docs = _two_documents(tmp_path / "docs")
    data_dir = tmp_path / "db"
    runs = [_policygraph("ingest", str(docs), "--data-dir", str(data_dir)) for _ in range(2)]
    results = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, results, strict=True):
        assert run.returncode == 0, err
        assert "Duplicated key" not in err + out and "Traceback" not in err
    outputs = sorted(out for out, _err in results)
    assert "Loaded 0 document(s) (2 unchanged, skipped)" in outputs[0]
    assert "Loaded 2 document(s) (0 unchanged, skipped)" in outputs[1]
    assert any("waiting for it to finish" in err for _out, err in results)
    clean = tmp_path / "clean"
    single = _policygraph("ingest", str(docs), "--data-dir", str(clean))
    assert single.wait(timeout=300) == 0
    assert snapshot(data_dir) == snapshot(clean)


def test_kill_9_mid_ingest_then_rerun_equals_a_clean_ingest(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    # small made-up documents, several of them: the kill lands after the first is committed
    for number in range(8):
        year = 2010 + number
        (docs / f"doc{number}.txt").write_text(
            f"{year}年11月12日，中美两国元首在北京发表《中美气候变化联合声明》。\n"
            f"{year}年12月12日，近200个缔约方在巴黎气候变化大会上达成《巴黎协定》。\n",
            encoding="utf-8",
        )
    crashed = tmp_path / "crashed"
    run = _policygraph("ingest", str(docs), "--data-dir", str(crashed))
    deadline = time.monotonic() + 240
    while not (crashed / embedded.DISCOVERY_FILE).exists():
        assert run.poll() is None and time.monotonic() < deadline, run.stderr.read()
        time.sleep(0.2)
    with open_store(crashed) as watcher:  # attached to the ingest's engine
        while watcher.counts().get("Document", 0) < 1:
            assert run.poll() is None and time.monotonic() < deadline, "ingest ended before the kill"
            time.sleep(0.05)
        assert run.poll() is None, "ingest ended before the kill"
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
    assert (crashed / embedded.DISCOVERY_FILE).exists(), "kill -9 leaves the stale file behind"
    clean = tmp_path / "clean"
    rerun = _policygraph("ingest", str(docs), "--data-dir", str(crashed))
    single = _policygraph("ingest", str(docs), "--data-dir", str(clean))
    for run in (rerun, single):
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    assert snapshot(crashed) == snapshot(clean)
