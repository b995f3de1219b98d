"""Write forms tried on the read-only path, as a hostile user would: every one is refused
and the graph is unchanged afterwards (one snapshot before, one after all of them)."""

from __future__ import annotations

import pytest
from policygraph.graph.errors import QueryError, ReadOnlyViolation

BASE = [
    "CREATE (x:Probe {id: 'p'})",
    "MERGE (x:Probe {id: 'p'})",
    "MATCH (e:Event) SET e.title = 'changed'",
    "MATCH (e:Event) SET e += {title: 'changed'}",
    "MATCH (e:Event) SET e = {}",
    "MATCH (a:Actor) SET a:Probe",
    "MATCH (e:Event) REMOVE e.title",
    "MATCH (a:Actor) REMOVE a:Actor",
    "MATCH (e:Event) DETACH DELETE e",
    "MATCH ()-[r]->() DELETE r",
    "MATCH (a:Actor), (b:Actor) WITH a, b LIMIT 1 CREATE (a)-[:PROBE]->(b)",
    "MATCH (a:Actor) WITH a LIMIT 1 MERGE (a)-[:PROBE]->(:Probe)",
    "OPTIONAL MATCH (e:Event) SET e.title = 'changed'",
    "UNWIND range(1, 3) AS i CREATE (:Probe {i: i})",
    "FOREACH (i IN range(1, 3) | CREATE (:Probe {i: i}))",
    "MATCH (m:Mention) CALL (m) { DETACH DELETE m }",
    "UNWIND range(1, 3) AS i CALL (i) { CREATE (:Probe {i: i}) } IN TRANSACTIONS OF 1 ROWS",
    "LOAD CSV FROM 'file:///etc/hostname' AS row CREATE (:Probe {line: row[0]})",
    "MATCH (n) RETURN n LIMIT 1 UNION CREATE (n:Probe) RETURN n",
    "MERGE (x:Probe {id: 'p'}) ON CREATE SET x.a = 1 ON MATCH SET x.b = 2",
    "CALL apoc.create.node(['Probe'], {id: 'p'}) YIELD node RETURN node",
    "CALL apoc.merge.node(['Probe'], {id: 'p'}) YIELD node RETURN node",
    "CALL apoc.periodic.iterate('MATCH (e:Event) RETURN e', 'DELETE e', {})",
    "CALL apoc.refactor.rename.label('Event', 'Probe')",
    "CALL db.clearQueryCaches()",
    "CALL dbms.security.createUser('probe', 'probe-password-1', false)",
    "CALL apoc.cypher.doIt('CREATE (:Probe)', {})",
    "CALL apoc.cypher.runWrite('CREATE (:Probe)', {})",
    "CALL apoc.load.json('file:///etc/hostname')",
    "CALL apoc.export.csv.all('/tmp/probe.csv', {})",
    "DROP INDEX actor_name",
    "DROP INDEX foo IF EXISTS",
    "DROP CONSTRAINT event_id",
    "DROP CONSTRAINT foo IF EXISTS",
    "CREATE INDEX probe IF NOT EXISTS FOR (n:Event) ON (n.title)",
    "CREATE INDEX probe FOR (n:Event) ON (n.title)",
    "CREATE TEXT INDEX probe IF NOT EXISTS FOR (n:Event) ON (n.title)",
    "CREATE RANGE INDEX probe IF NOT EXISTS FOR (n:Event) ON (n.title)",
    "CREATE FULLTEXT INDEX probe IF NOT EXISTS FOR (n:Event) ON EACH [n.title]",
    "CREATE CONSTRAINT probe IF NOT EXISTS FOR (n:Probe) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT probe FOR (n:Probe) REQUIRE n.id IS NOT NULL",
    "CREATE DATABASE probe",
    "DROP DATABASE policy",
    "DROP DATABASE probe IF EXISTS",
    "CREATE USER probe SET PASSWORD 'probe-password-1'",
    "DROP USER reader",
    "ALTER USER reader SET PASSWORD 'probe-password-1'",
    "CREATE ROLE probe",
    "GRANT ROLE admin TO reader",
    "REVOKE ROLE admin FROM reader",
    "DENY READ {*} ON GRAPH * TO reader",
]  # fmt: skip


def _variants(statement: str) -> list[str]:
    """The statement as written, with its first keyword in lower case, behind a comment, and
    after a harmless read (labels keep their case: `:event` would match nothing, write nothing)."""
    first, rest = statement.split(" ", 1)
    forms = [statement, f"{first.lower()} {rest}", f"/* read only */ {statement}"]
    if statement.split()[0].upper() not in {"DROP", "CREATE", "ALTER", "GRANT", "REVOKE", "DENY", "CALL"}:
        forms.append(f"MATCH (z) WITH count(z) AS n {statement}")
    return forms


WRITE_FORMS = sorted({form for statement in BASE for form in _variants(statement)})


def snapshot(store) -> tuple:
    titles = store.read_trusted("MATCH (e:Event) RETURN e.id AS id, e.title AS title ORDER BY id")
    schema = store.read_trusted("SHOW INDEXES")
    constraints = store.read_trusted("SHOW CONSTRAINTS")
    return store.counts(), titles, len(schema), len(constraints)


def test_every_write_form_is_refused_and_the_graph_is_unchanged(graph_store):
    before = snapshot(graph_store)
    accepted, refused, failed = [], 0, []
    for form in WRITE_FORMS:
        try:
            graph_store.read(form, timeout=10)
        except ReadOnlyViolation as err:
            assert "\n" not in str(err)
            refused += 1
        except QueryError as err:  # a syntax error or an unknown procedure also changes nothing
            failed.append((form, str(err)))
        else:
            accepted.append(form)
    tried = len(WRITE_FORMS)
    print(f"write forms: {tried} tried, {refused} refused as writes, {len(failed)} failed otherwise")
    assert accepted == [], f"accepted by the read-only path: {accepted}"
    assert snapshot(graph_store) == before


@pytest.mark.parametrize("form", ["MATCH (n) WHERE n.name = 'DROP INDEX x' RETURN count(n) AS n",
                                  "MATCH (create) RETURN count(create) AS n",
                                  "MATCH (n) WITH n AS grant RETURN count(grant) AS n"])  # fmt: skip
def test_reads_that_look_like_writes_still_run(graph_store, form):
    assert graph_store.read(form).rows[0]["n"] >= 0
