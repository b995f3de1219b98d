"""The store against the real embedded engine: schema, loading, provenance, discovery, errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from dataclasses import replace

import pytest
from neo4j.exceptions import ConstraintError
from policygraph.graph import StoreError, open_store, queries
from policygraph.graph.embedded import DISCOVERY_FILE


def test_schema_is_idempotent_and_constraints_hold(graph_store):
    before = graph_store.read("SHOW CONSTRAINTS").rows
    graph_store.ensure_schema()
    after = graph_store.read("SHOW CONSTRAINTS").rows
    assert len(before) == len(after) >= 6
    labels = {label for row in after for label in row["labelsOrTypes"]}
    assert {"Document", "Event", "Actor", "Agreement", "Initiative", "Mention"} <= labels
    indexes = graph_store.read("SHOW INDEXES").rows
    # Neo4j also lists its two built-in token LOOKUP indexes, which have no label or property.
    indexed = {(row["labelsOrTypes"][0], row["properties"][0]) for row in indexes if row["labelsOrTypes"]}
    assert {("Event", "date_start"), ("Actor", "name"), ("Actor", "name_en")} <= indexed
    if graph_store.kind == "neo4j":
        assert {"document_id", "event_id", "actor_id"} <= {row["name"] for row in after}
        assert all(row["type"] == "LOOKUP" for row in indexes if not row["labelsOrTypes"])
    with pytest.raises(ConstraintError), graph_store._session() as session:
        session.run("CREATE (:Actor:Person {id: 'person:xi-jinping'})").consume()


def test_actors_carry_kind_labels(graph_store):
    rows = graph_store.read(
        "MATCH (a:Actor) WHERE a.id IN ['person:xi-jinping', 'state:china', 'subnational:california'] "
        "RETURN a.id AS id, labels(a) AS labels ORDER BY id"
    ).rows
    assert {r["id"]: sorted(r["labels"]) for r in rows} == {
        "person:xi-jinping": ["Actor", "Person"],
        "state:china": ["Actor", "State"],
        "subnational:california": ["Actor", "Subnational"],
    }


def test_extracted_mentions_attach_to_curated_milestones(graph_store):
    event = queries.event_detail(graph_store, "ms-2014-11-12-joint-announcement")
    assert event["origin"] == "curated"
    assert event["title"] != "中美发表气候变化联合声明", "a mention must not overwrite the curated title"
    assert event["date"] == "2014-11-12"
    assert [m["doc"] for m in event["mentions"]] == ["sample_001.txt"]
    assert event["mentions"][0]["text"].startswith("2014年11月12日")
    assert event["sources"] and event["sources"][0].startswith("http")
    count = graph_store.read(
        "MATCH (e:Event) WHERE e.id = 'ms-2014-11-12-joint-announcement' RETURN count(e) AS n"
    ).rows[0]["n"]
    assert count == 1


def test_date_conflicts_are_flagged_but_coarser_dates_agree(graph_store):
    coarser = queries.event_detail(graph_store, "ms-2016-09-03-paris-ratification-hangzhou")
    assert "2016-09" in coarser["dates_reported"]
    assert coarser["date_conflict"] is False
    other_day = queries.event_detail(graph_store, "ms-2015-09-25-joint-presidential-statement")
    assert other_day["date"] == "2015-09-25"
    assert set(other_day["dates_reported"]) >= {"2015-09-25", "2015-09-26"}
    assert other_day["date_conflict"] is True


def test_one_event_from_two_documents_is_one_node(graph_store):
    # both samples state the Shanghai talks under their own key; loading matched them onto
    # the curated milestone (graph.matching), which gained two mentions and no twin node
    assert queries.event_detail(graph_store, "ev-2021-04-15-sample-kerry-xie-talks") is None
    event = queries.event_detail(graph_store, "ms-2021-04-14-kerry-shanghai")
    assert event["docs"] == ["sample_001.txt", "sample_002.txt"]
    assert event["n_mentions"] == 2
    assert event["date_end"] == "2021-04-16" and event["date_stop"] == "2021-04-16"


def test_unchanged_document_is_skipped_without_work(graph_store, sample_documents):
    before = graph_store.counts()
    doc, records = sample_documents[0]
    result = graph_store.load_document(doc, records)
    assert result.skipped and result.mentions == 0
    assert graph_store.counts() == before


def test_a_new_extractor_version_reloads_an_unchanged_file(graph_store, graph_helpers):
    records = [dict(r, doc="version_test.txt") for r in graph_helpers.read_sample_records()
               if r["doc"] == "sample_002.txt"]
    doc, _ = graph_helpers.documents_of(records)[0]
    try:
        assert not graph_store.load_document(doc, records).skipped
        assert graph_store.load_document(doc, records).skipped
        newer = replace(doc, extractor_version="newer-extractor")
        assert not graph_store.load_document(newer, records).skipped
        assert graph_store.load_document(newer, records).skipped
    finally:
        graph_helpers.forget_document(graph_store, "version_test.txt")


def test_changed_document_replaces_only_its_own_mentions(graph_store, graph_helpers):
    base = [r for r in graph_helpers.read_sample_records() if r["doc"] == "sample_002.txt"]
    records = [dict(r, doc="change_test.txt") for r in base]
    # a Kerry-Xie call no other source states (July 2023 would be matched onto Kerry's visit)
    new_event = dict(records[-1], event_id="ev-2019-07-change-test-only", date="2019-07")
    doc, _ = graph_helpers.documents_of(records)[0]
    try:
        first = graph_store.load_document(doc, [*records, new_event])
        assert not first.skipped and first.mentions == 4
        before = graph_store.counts()
        # The new version drops the last event: its mention goes, and the extracted event
        # no longer mentioned anywhere goes with it; everything else stays.
        changed = replace(doc, sha256="changed")
        second = graph_store.load_document(changed, records)
        assert second.mentions == 3
        after = graph_store.counts()
        assert after["Mention"] == before["Mention"] - 1
        assert after["Event"] == before["Event"] - 1
        assert queries.event_detail(graph_store, "ev-2019-07-change-test-only") is None
        kept = queries.event_detail(graph_store, "ms-2021-04-14-kerry-shanghai")
        assert kept["docs"] == ["change_test.txt", "sample_001.txt", "sample_002.txt"]
    finally:
        graph_helpers.forget_document(graph_store, "change_test.txt")


def test_document_failing_half_way_leaves_nothing_behind(graph_store, graph_helpers):
    records = [dict(r, doc="broken_test.txt") for r in graph_helpers.read_sample_records()]
    records[5] = dict(records[5], date="2018-13")  # invalid month, after earlier batches were written
    doc, _ = graph_helpers.documents_of(records)[0]
    before = graph_store.counts()
    with pytest.raises(StoreError, match="broken_test.txt.*2018-13"):
        graph_store.load_document(doc, records, batch_records=2)
    assert graph_store.counts() == before
    assert not graph_store.read("MATCH (d:Document {id: 'broken_test.txt'}) RETURN d").rows


def test_reference_reload_is_idempotent(graph_store):
    from policygraph.extract.knowledge import load_knowledge, reference_records

    before = graph_store.counts()
    graph_store.load_reference(reference_records(load_knowledge()))
    assert graph_store.counts() == before


def test_held_office_terms_are_loaded(graph_store):
    rows = graph_store.read(
        "MATCH (p:Person {id: 'person:john-kerry'})-[h:HELD_OFFICE]->(b:Actor) "
        "RETURN h.title AS title, h.start AS start, h.end AS end ORDER BY start"
    ).rows
    assert rows and all(r["start"] for r in rows)
    assert any("国务卿" in r["title"] for r in rows)


def test_another_process_reaches_the_same_graph(graph_store, graph_target):
    """Embedded: through the owner's private discovery file; Neo4j: through NEO4J_URI."""
    discovery = graph_target.data_dir / DISCOVERY_FILE
    if graph_store.kind == "embedded":
        assert stat.S_IMODE(discovery.stat().st_mode) == 0o600
        info = json.loads(discovery.read_text())
        assert info["pid"] == os.getpid() and f":{info['bolt_port']}" in graph_store.uri
    code = (
        "import sys; from pathlib import Path; from policygraph.graph import open_store\n"
        "with open_store(Path(sys.argv[1]), start_embedded=False) as s:\n"
        "    print(s.kind, s.read('MATCH (e:Event) RETURN count(e) AS n').rows[0]['n'])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(graph_target.env)
    done = subprocess.run(
        [sys.executable, "-c", code, str(graph_target.data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [graph_store.kind, str(graph_store.counts()["Event"])]
    if graph_store.kind == "embedded":
        assert discovery.exists(), "a client process must not remove the owner's discovery file"


def test_stale_discovery_file_is_removed(tmp_path):
    stale = {
        "pid": 2**22 + 12345,  # above the default pid_max: no such process
        "bolt_port": 1,
        "http_port": 1,
        "database": "policy",
        "admin_user": "root",
        "admin_password": "x",
        "reader_user": "reader",
        "reader_password": "y",
    }
    (tmp_path / DISCOVERY_FILE).write_text(json.dumps(stale))
    with pytest.raises(StoreError, match="No embedded graph database is running"):
        open_store(tmp_path, start_embedded=False)
    assert not (tmp_path / DISCOVERY_FILE).exists()


def test_unreachable_neo4j_gives_one_clear_sentence(monkeypatch, tmp_path):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "whatever")
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path)
    message = str(caught.value)
    assert message.startswith(
        f"Cannot reach the graph database at bolt://127.0.0.1:{port}: connection refused."
    )
    assert "\n" not in message


def test_wrong_password_gives_one_clear_sentence(graph_store, monkeypatch, tmp_path):
    monkeypatch.setenv("NEO4J_URI", graph_store.uri)
    monkeypatch.setenv("NEO4J_USER", "root")
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    with pytest.raises(StoreError, match="password was rejected"):
        open_store(tmp_path)


def test_two_sentences_of_one_new_event_in_one_document(graph_store, graph_helpers):
    base = next(r for r in graph_helpers.read_sample_records() if r["event_id"].startswith("ev-2018"))
    first = dict(base, doc="repeat_test.txt", event_id="ev-2019-05-repeat-test", date="2019-05-01")
    other_day = dict(
        first,
        date="2019-05-03",
        evidence=dict(base["evidence"], start=500, end=500 + len(base["evidence"]["text"])),
    )
    doc, _ = graph_helpers.documents_of([first])[0]
    try:
        result = graph_store.load_document(doc, [first, first, other_day], batch_records=1)
        assert result.mentions == 2 and result.events == 1
        event = queries.event_detail(graph_store, "ev-2019-05-repeat-test")
        assert event["date"] == "2019-05-01" and event["n_mentions"] == 2
        assert event["dates_reported"] == ["2019-05-01", "2019-05-03"] and event["date_conflict"] is True
    finally:
        graph_helpers.forget_document(graph_store, "repeat_test.txt")


def test_restart_on_an_existing_directory_keeps_data_and_changes_passwords(graph_store, tmp_path):
    """A second embedded server (own directory) beside the session's; closed, then reopened."""
    if graph_store.kind != "embedded":
        pytest.skip("the embedded engine's own data directory and passwords (no such thing on Neo4j)")
    with open_store(tmp_path) as store:
        store.ensure_schema()
        with store._session() as session:
            session.run("CREATE (:Document {id: 'restart-probe', sha256: 'x'})").consume()
        first = json.loads((tmp_path / DISCOVERY_FILE).read_text())
    assert not (tmp_path / DISCOVERY_FILE).exists(), "the owner removes its discovery file on close"
    with open_store(tmp_path) as store:
        second = json.loads((tmp_path / DISCOVERY_FILE).read_text())
        assert store.read("MATCH (d:Document) RETURN d.id AS id").rows == [{"id": "restart-probe"}]
    assert first["admin_password"] != second["admin_password"]
    assert first["reader_password"] != second["reader_password"]
    assert graph_store.counts()["Event"] > 0, "the session's server is untouched"
