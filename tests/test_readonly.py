"""Read-only access (`policygraph query`, the UI console): every write form is refused, the graph unchanged.

The server is the guard (the embedded engine's `reader` user, READ access mode
on Neo4j); `graph.guard` only checks procedure calls before sending, since the
embedded engine answers unknown writing procedures as unknown.
"""

from __future__ import annotations

import time

import pytest
from policygraph.graph import QueryError, ReadOnlyViolation, StoreError
from policygraph.graph.guard import check_read_only

WRITE_FORMS = {
    "create": "CREATE (x:Probe {id: 'probe'}) RETURN x",
    "merge": "MERGE (x:Probe {id: 'probe'}) RETURN x",
    "set": "MATCH (e:Event) SET e.title = 'changed' RETURN count(e)",
    "set map": "MATCH (e:Event) SET e += {title: 'changed'}",
    "set label": "MATCH (a:Actor {id: 'state:china'}) SET a:Probe",
    "delete": "MATCH (:Event)-[r:MENTIONED_IN]->(:Mention) DELETE r",
    "detach delete": "MATCH (e:Event) DETACH DELETE e",
    "remove": "MATCH (e:Event) REMOVE e.title",
    "drop index": "DROP INDEX actor_name",
    "drop constraint": "DROP CONSTRAINT event_id",
    "create index": "CREATE INDEX probe_index IF NOT EXISTS FOR (n:Event) ON (n.title)",
    "load csv": "LOAD CSV FROM 'file:///etc/hostname' AS row CREATE (:Probe {line: row[0]})",
    "call in transactions": (
        "UNWIND range(1, 3) AS i CALL (i) { CREATE (:Probe {i: i}) } IN TRANSACTIONS OF 1 ROWS"
    ),
    "foreach": "FOREACH (i IN range(1, 3) | CREATE (:Probe {i: i}))",
    "write procedure": "CALL apoc.create.node(['Probe'], {id: 'probe'}) YIELD node RETURN node",
    "subquery delete": "MATCH (m:Mention) CALL (m) { DETACH DELETE m }",
    "create user": "CREATE USER probe SET PASSWORD 'probe-password-1'",
}
# Procedures that do not exist on the embedded engine fail there as unknown, which
# also leaves the graph unchanged; the keyword guard refuses them as writes first.
SERVER_UNKNOWN = {"write procedure"}


def snapshot(store) -> tuple:
    titles = store.read_trusted("MATCH (e:Event) RETURN e.id AS id, e.title AS title ORDER BY id")
    schema = store.read_trusted("SHOW INDEXES")
    return store.counts(), titles, len(schema)


@pytest.mark.parametrize("form", sorted(WRITE_FORMS))
def test_every_write_form_is_refused_with_a_clear_message(graph_store, form):
    before = snapshot(graph_store)
    with pytest.raises(ReadOnlyViolation) as caught:
        graph_store.read(WRITE_FORMS[form])
    message = str(caught.value)
    assert "read-only" in message and "\n" not in message
    assert snapshot(graph_store) == before


@pytest.mark.parametrize("form", sorted(WRITE_FORMS))
def test_the_server_itself_refuses_every_write_form(graph_store, form):
    """Without the keyword guard: the reader user alone keeps the graph unchanged."""
    before = snapshot(graph_store)
    expected = StoreError if form in SERVER_UNKNOWN else ReadOnlyViolation
    with pytest.raises(expected) as caught:
        graph_store._read_unguarded(WRITE_FORMS[form])
    assert snapshot(graph_store) == before
    if graph_store.kind == "neo4j" and form not in SERVER_UNKNOWN:
        # Community edition has no roles: READ access mode is the guard, and says so.
        assert caught.value.code == "Neo.ClientError.Statement.AccessMode", caught.value


def test_reads_pass_the_guard_even_with_keywords_in_strings_and_names(graph_store):
    query = (
        "MATCH (e:Event) WHERE e.title CONTAINS '中美' OR e.type = 'delete' OR e.title = 'SET'\n"
        "// CREATE in a comment\n"
        "RETURN e.id AS id, e.date_start AS created ORDER BY id LIMIT 3"
    )
    check_read_only(query)
    result = graph_store.read(query)
    assert result.columns == ["id", "created"] and len(result.rows) == 3


def test_row_limit_truncates(graph_store):
    result = graph_store.read("MATCH (e:Event) RETURN e.id AS id", limit=5)
    assert len(result.rows) == 5 and result.truncated
    whole = graph_store.read("MATCH (e:Event) RETURN e.id AS id", limit=100000)
    assert not whole.truncated and len(whole.rows) == graph_store.counts()["Event"]


def test_time_limit_stops_a_long_query(graph_store):
    started = time.perf_counter()
    with pytest.raises(QueryError, match="time limit|timeout|Timeout"):
        graph_store.read(
            "MATCH (a), (b), (c) WHERE a.id < b.id AND b.id < c.id RETURN count(*) AS n", timeout=1.0
        )
    assert time.perf_counter() - started < 5
    assert graph_store.read("MATCH (e:Event) RETURN count(e) AS n").rows[0]["n"] > 0, "reads work again"


def test_syntax_errors_are_query_errors(graph_store):
    with pytest.raises(QueryError, match="syntax|failed"):
        graph_store.read("MATCH (e:Event RETURN e")


def test_results_are_plain_json_values(graph_store):
    row = graph_store.read(
        "MATCH (e:Event {id: 'ms-2014-11-12-joint-announcement'}) RETURN e, e.date_start AS day"
    ).rows[0]
    assert row["day"] == "2014-11-12"
    assert row["e"]["_labels"] == ["Event"] and row["e"]["date_start"] == "2014-11-12"
