"""Each export re-read the way its consumer reads it: networkx for Gephi files, JSON parsers, csv."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from policygraph.graph import exports, queries


def test_csv_lists_events_with_participants_and_sources(graph_store):
    data = exports.render(graph_store, "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == graph_store.counts()["Event"]
    by_id = {r["id"]: r for r in rows}
    talks = by_id["ms-2021-04-14-kerry-shanghai"]
    assert "person:xie-zhenhua" in talks["actor_ids"].split("; ")
    assert talks["documents"] == "sample_001.txt; sample_002.txt"
    assert "克里与解振华在上海举行会谈" in talks["sentences"]
    curated = by_id["ms-2014-11-12-joint-announcement"]
    assert curated["source"].startswith("http") and curated["origin"] == "curated"
    assert by_id["ms-2015-09-25-joint-presidential-statement"]["date_conflict"] == "true"


def test_json_export_parses_and_keeps_evidence(graph_store):
    events = json.loads(exports.render(graph_store, "json", start="2021", end="2021"))
    assert events and all(e["date_stop"] >= "2021-01-01" and e["date_start"] <= "2021-12-31" for e in events)
    talks = next(e for e in events if e["id"] == "ms-2021-04-14-kerry-shanghai")
    assert {m["doc"] for m in talks["mentions"]} == {"sample_001.txt", "sample_002.txt"}
    assert all(m["end"] - m["start"] == len(m["text"]) for m in talks["mentions"])


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_reread_with_networkx(graph_store, tmp_path, fmt, reader):
    path = tmp_path / f"network.{fmt}"
    path.write_bytes(exports.render(graph_store, fmt, start="2014", end="2016"))
    graph = reader(path)
    network = queries.actor_network(graph_store, start="2014", end="2016")
    assert graph.number_of_nodes() == len(network["nodes"])
    assert graph.number_of_edges() == len(network["edges"])
    heaviest = network["edges"][0]
    assert int(graph.edges[heaviest["source"], heaviest["target"]]["weight"]) == heaviest["weight"]
    assert graph.nodes["person:xi-jinping"]["kind"] == "person"


def test_timelinejs_keeps_year_and_month_precision(graph_store):
    document = json.loads(exports.render(graph_store, "timelinejs"))
    by_id = {e["unique_id"]: e for e in document["events"]}
    assert by_id["ev-2018-sample-california-policy"]["start_date"] == {"year": "2018"}
    assert by_id["ev-2017-10-sample-california-forum"]["start_date"] == {"year": "2017", "month": "10"}
    talks = by_id["ms-2021-04-14-kerry-shanghai"]
    assert talks["start_date"] == {"year": "2021", "month": "4", "day": "14"}
    assert talks["end_date"] == {"year": "2021", "month": "4", "day": "16"}
    assert document["title"]["text"]["headline"]


def test_export_writes_a_file(graph_store, tmp_path):
    out = exports.export(graph_store, "json", tmp_path / "sub" / "events.json")
    assert out is not None and json.loads(out.read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="unknown export format"):
        exports.render(graph_store, "xlsx")
