"""Runaway read-only queries are stopped inside the embedded engine, not only abandoned.

The graph here is a small dense one (60 nodes, each linked to the next four): counting
its paths of up to 12 hops runs for minutes, so any query that still runs after its
limit shows up in the engine's registry of running queries and as CPU time of this
process (the engine's JVM runs inside it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from policygraph.graph import embedded
from policygraph.graph.errors import QueryError, QueryTimeout

RUNAWAY = "MATCH p=()-[*1..12]-() RETURN count(p)"
PAGE_QUERY = "MATCH (x:Probe) RETURN count(x) AS n"
# A page query answers in milliseconds; before the fix it queued for the engine's 30 s.
# The ceiling is loose because the suite also runs on a shared, busy machine.
PAGE_ANSWER_S = 3.0
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dense_store(tmp_path_factory):
    from policygraph.graph import open_store

    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("NEO4J_")}
    data_dir = tmp_path_factory.mktemp("dense")
    store = open_store(data_dir)

    def work(tx):
        tx.run("UNWIND range(0, 59) AS i CREATE (:Probe {i: i})").consume()
        tx.run(
            "MATCH (a:Probe), (b:Probe) WHERE a.i < b.i AND b.i - a.i <= 4 CREATE (a)-[:NEXT]->(b)"
        ).consume()

    store._write(work)
    _settle()
    yield store
    store.close()
    os.environ.update(saved)


def _cpu_seconds() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system


def _settle(limit: float = 10.0) -> None:
    """Wait until the freshly started engine (JIT compilation) stops using CPU by itself."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = _cpu_seconds()
        time.sleep(0.5)
        if _cpu_seconds() - before < 0.1:
            return


def _console_queries(store) -> int:
    return sum(1 for user, _ms in embedded.running_queries(store.db_dir) if user == embedded.READER_USER)


def _wait_until_idle(store, deadline: float) -> float:
    """Seconds until no console query runs in the engine (or the deadline passes)."""
    started = time.monotonic()
    while _console_queries(store) and time.monotonic() < deadline:
        time.sleep(0.05)
    return time.monotonic() - started


def test_a_runaway_query_is_stopped_in_the_engine_at_its_limit(dense_store):
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        dense_store.read(RUNAWAY, timeout=1.5)
    answered = time.monotonic() - started
    assert "time limit of 1.5 s" in caught.value.args[0]
    assert answered < 1.5 + 2.5  # the engine's answer, or the client's own after a 2 s grace
    _wait_until_idle(dense_store, started + 1.5 + 2.0)
    assert _console_queries(dense_store) == 0, "the engine still runs the query 2 s after its limit"
    before = _cpu_seconds()
    time.sleep(1.0)
    # a query still running would use a whole core (1 s of CPU in this 1 s window)
    assert _cpu_seconds() - before < 0.5, "the process still burns CPU after the query was stopped"


def _named_queries(store) -> int:
    return sum(1 for user, _ms in embedded.running_queries(store.db_dir) if user == embedded.ADMIN_USER)


def test_a_named_query_past_its_own_limit_is_stopped_in_the_engine(dense_store):
    """Pages and exports run as the admin user: their limit travels with the query too."""
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit of 1.5 s"):
        dense_store.read_trusted(RUNAWAY, timeout=1.5)
    assert time.monotonic() - started < 1.5 + 2.5
    deadline = started + 1.5 + 2.0
    while _named_queries(dense_store) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _named_queries(dense_store) == 0, "the engine still runs the named query 2 s after its limit"
    assert dense_store.read_trusted(PAGE_QUERY) == [{"n": 60}]


def test_untagged_package_work_is_not_stopped_by_the_watchdog():
    """Only a query that carries a limit is stopped: ingest's own writes carry none."""
    class Running:
        def __init__(self, user: str, text: str):
            self.user, self.text = user, text

        def getUser(self):  # noqa: N802 - the engine's Java method names
            return self.user

        def getText(self):  # noqa: N802
            return self.text

    assert embedded._limit_ms(Running(embedded.ADMIN_USER, "MATCH (n) RETURN n"), reader=False) is None
    tagged = embedded.tag_time_limit("MATCH (n) RETURN n", 2.5)
    assert embedded._limit_ms(Running(embedded.ADMIN_USER, tagged), reader=False) == 2500
    assert embedded._limit_ms(Running(embedded.READER_USER, "RETURN 1"), reader=True) == (
        embedded.CONSOLE_CEILING_S * 1000
    )


def test_four_runaway_queries_at_once_leave_the_pages_unaffected(dense_store):
    outcomes: list[str] = []

    def console_user() -> None:
        try:
            dense_store.read(RUNAWAY, timeout=2)
            outcomes.append("answered")
        except QueryTimeout:
            outcomes.append("timeout")
        except QueryError as err:
            outcomes.append("busy" if "busy" in str(err) else str(err))

    users = [threading.Thread(target=console_user) for _ in range(4)]
    started = time.monotonic()
    for user in users:
        user.start()
    page_times = []
    while any(user.is_alive() for user in users):
        t0 = time.monotonic()
        assert dense_store.read_trusted(PAGE_QUERY) == [{"n": 60}]
        page_times.append(time.monotonic() - t0)
        time.sleep(0.2)
    for user in users:
        user.join()
    assert sorted(outcomes) == ["busy", "busy", "timeout", "timeout"]
    assert max(page_times) < PAGE_ANSWER_S, f"a page query waited {max(page_times):.1f} s"
    idle_after = _wait_until_idle(dense_store, time.monotonic() + 2.0)
    assert _console_queries(dense_store) == 0
    assert time.monotonic() - started < 2 + 2.0 + idle_after + 1.0
    # after the storm the console works again at once
    assert dense_store.read(PAGE_QUERY).rows == [{"n": 60}]


def test_four_cli_queries_in_parallel_then_the_server_is_idle(dense_store):
    """The issue's reproduction: four `policygraph query … --timeout 2` against a running server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    command = [sys.executable, "-m", "policygraph", "query", RUNAWAY, "--timeout", "2",
               "--data-dir", str(dense_store.db_dir)]  # fmt: skip
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    clients = [subprocess.Popen(command, env=env, cwd=ROOT, **pipes) for _ in range(4)]
    results = [client.communicate(timeout=60) for client in clients]
    finished = time.monotonic()
    for client, (_out, err) in zip(clients, results, strict=True):
        assert client.returncode == 1
        assert "Traceback" not in err
        assert "time limit" in err or "busy" in err, err
    idle_after = _wait_until_idle(dense_store, finished + 2.0)
    assert _console_queries(dense_store) == 0
    assert idle_after < 2.0
    t0 = time.monotonic()
    assert dense_store.read_trusted(PAGE_QUERY) == [{"n": 60}]
    assert time.monotonic() - t0 < PAGE_ANSWER_S
