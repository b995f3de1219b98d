"""Where the embedded engine (ArcadeDB) and a real Neo4j 5.26 answer differently, one test each.

Each test runs on both backends and states what each engine does; docs/schema.md
("Engine differences") lists them. Where the product can even them out it does, and the test
checks that the user sees the same thing on both.
"""

from __future__ import annotations

import time

import neo4j
import pytest
from policygraph.graph import QueryError, ReadOnlyViolation

LONG_QUERY = "MATCH (a), (b), (c) WHERE a.id < b.id AND b.id < c.id RETURN count(*) AS n"


def test_write_refusal_codes(graph_store):
    """Neo4j refuses in READ access mode; the embedded engine ignores the mode and refuses as the
    reader user. The user sees the same read-only sentence on both."""
    with pytest.raises(ReadOnlyViolation, match="read-only") as caught:
        graph_store._read_unguarded("CREATE (x:Probe) RETURN x")
    expected = {
        "neo4j": "Neo.ClientError.Statement.AccessMode",
        "embedded": "Neo.ClientError.Security.Forbidden",
    }[graph_store.kind]
    assert caught.value.code == expected


def test_query_time_limit_codes(graph_store):
    """Neo4j stops the query itself (the driver sends the limit as the transaction timeout); the
    embedded engine ignores it over Bolt, so the client stops waiting and drops the connection."""
    started = time.perf_counter()
    with pytest.raises(QueryError, match="time limit") as caught:
        graph_store.read(LONG_QUERY, timeout=1.0)
    assert time.perf_counter() - started < 5
    if graph_store.kind == "neo4j":
        assert caught.value.code.startswith("Neo.ClientError.Transaction.TransactionTimedOut")
    else:
        assert caught.value.code == ""


def test_named_queries_have_a_time_limit_the_server_enforces(graph_store):
    """Named queries (pages, exports) run as the admin user with their own limit: Neo4j stops
    them by the transaction timeout, the embedded engine by the watchdog reading the limit
    from the query. Both say the same sentence, and the next named query answers."""
    started = time.perf_counter()
    with pytest.raises(QueryError, match="time limit of 1 s") as caught:
        graph_store.read_trusted(LONG_QUERY, timeout=1.0)
    assert time.perf_counter() - started < 5
    if graph_store.kind == "neo4j":
        assert caught.value.code.startswith("Neo.ClientError.Transaction.TransactionTimedOut")
    assert graph_store.read_trusted("RETURN 1 AS one") == [{"one": 1}]


def test_server_side_transaction_timeout(new_graph):
    """Neo4j's own `db.transaction.timeout` stops a query whose client set no limit (a user's own
    driver code; the package's queries all carry one, which Neo4j lets take precedence)."""
    target = new_graph("short-tx-timeout", tx_timeout_s=2)
    if target.kind == "embedded":
        pytest.skip("the embedded engine has no transaction timeout over Bolt (read() keeps the limit)")
    with target.open() as store:
        store._write(lambda tx: tx.run("UNWIND range(1, 3000) AS i CREATE (:Probe {id: i})").consume())
        started = time.perf_counter()
        session = store._session(trusted_read=True)
        with pytest.raises(neo4j.exceptions.ClientError) as caught, session:
            session.run(LONG_QUERY).consume()  # no timeout of its own
        assert time.perf_counter() - started < 20
        assert caught.value.code.startswith("Neo.ClientError.Transaction.TransactionTimedOut")
        assert store.read_trusted("MATCH (p:Probe) RETURN count(p) AS n") == [{"n": 3000}]


def test_columns_of_an_empty_result(graph_store):
    """Neo4j names the columns of a result with no rows; the embedded engine names none."""
    result = graph_store.read("MATCH (e:Event {id: 'no-such-event'}) RETURN e.id AS id, e.title AS title")
    assert result.rows == []
    assert result.columns == {"neo4j": ["id", "title"], "embedded": []}[graph_store.kind]


def test_index_names_and_built_in_indexes(graph_store):
    """Both keep our constraint names; the index behind a uniqueness constraint is named after
    the constraint on Neo4j and `Label[property]` on the embedded engine, and only Neo4j lists
    its two built-in token LOOKUP indexes."""
    constraints = {row["name"] for row in graph_store.read("SHOW CONSTRAINTS").rows}
    assert {"document_id", "event_id", "actor_id", "mention_id"} <= constraints
    indexes = graph_store.read("SHOW INDEXES").rows
    names = {row["name"] for row in indexes}
    lookups = [row for row in indexes if row["type"] == "LOOKUP"]
    if graph_store.kind == "neo4j":
        assert {"event_id", "actor_id"} <= names and len(lookups) == 2
        assert all(row["labelsOrTypes"] is None for row in lookups)
    else:
        assert {"Event[id]", "Actor[id]"} <= names and lookups == []
    assert {"event_date_start", "actor_name", "actor_name_en"} <= names


def test_unknown_procedure_is_a_query_error_on_both(graph_store):
    """Neo4j: `Procedure.ProcedureNotFound`; the embedded engine: `General.UnknownError`."""
    with pytest.raises(QueryError, match="query failed") as caught:
        graph_store.read("CALL db.no_such_procedure()")
    expected = {
        "neo4j": "Neo.ClientError.Procedure.ProcedureNotFound",
        "embedded": "Neo.DatabaseError.General.UnknownError",
    }[graph_store.kind]
    assert caught.value.code == expected


def test_labels_are_case_sensitive_on_both(graph_store):
    """ArcadeDB once matched `:event` to `:Event`; the pinned version no longer does."""
    assert graph_store.read("MATCH (n:Event) RETURN count(n) AS n").rows[0]["n"] > 0
    assert graph_store.read("MATCH (n:event) RETURN count(n) AS n").rows[0]["n"] == 0


@pytest.mark.parametrize("day", ["1500-01-01", "2400-12-31"])
def test_dates_outside_1677_2262_round_trip_on_both(graph_store, day):
    """ArcadeDB once limited dates to about 1677–2262 (nanosecond timestamps)."""
    row = graph_store.read(
        "RETURN date($day) AS d, toString(date($day)) AS s, date($day).year AS y", {"day": day}
    ).rows[0]
    assert row == {"d": day, "s": day, "y": int(day[:4])}


def test_temporal_values_come_back_as_the_same_plain_values(graph_store):
    """Both engines send Bolt temporal values (no strings); each becomes its ISO text."""
    row = graph_store.read(
        "RETURN date('2014-11-12') AS d, datetime('2014-11-12T10:00:00Z') AS t, "
        "duration('P1M2DT3H') AS p, date('2014-11-12').year AS y, "
        "duration.between(date('2014-01-01'), date('2014-11-12')).days AS days"
    ).rows[0]
    assert row == {
        "d": "2014-11-12",
        "t": "2014-11-12T10:00:00.000000000+00:00",
        "p": "P1M2DT3H",
        "y": 2014,
        "days": 11,
    }
