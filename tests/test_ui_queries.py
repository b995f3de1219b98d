"""Named queries of the agreement, actor and ego-network views, and exports that follow the view."""

from __future__ import annotations

import io
import json

import networkx as nx
from policygraph.graph import exports, queries

KERRY = "person:john-kerry"


def test_ego_network_is_the_actor_and_its_neighbours(graph_store):
    full = queries.actor_network(graph_store)
    neighbours = {e["target"] if e["source"] == KERRY else e["source"]
                  for e in full["edges"] if KERRY in (e["source"], e["target"])}  # fmt: skip
    assert neighbours
    one = queries.ego_network(graph_store, KERRY, hops=1)
    assert {n["id"] for n in one["nodes"]} == neighbours | {KERRY}
    assert all(
        e["source"] in neighbours | {KERRY} and e["target"] in neighbours | {KERRY} for e in one["edges"]
    )
    two = queries.ego_network(graph_store, KERRY, hops=2)
    assert {n["id"] for n in one["nodes"]} <= {n["id"] for n in two["nodes"]}
    # Every link keeps the events its two actors shared.
    assert all(len(e["event_ids"]) == e["weight"] >= 1 for e in one["edges"])
    assert queries.ego_network(graph_store, "person:nobody")["nodes"] == []


def test_co_actors_are_ranked_by_shared_events(graph_store):
    partners = queries.co_actors(graph_store, KERRY)
    assert partners and KERRY not in {p["id"] for p in partners}
    assert [p["shared"] for p in partners] == sorted((p["shared"] for p in partners), reverse=True)
    edges = {
        frozenset((e["source"], e["target"])): e["weight"]
        for e in queries.actor_network(graph_store)["edges"]
    }
    assert all(edges[frozenset((KERRY, p["id"]))] == p["shared"] for p in partners)


def test_thing_detail_lists_the_events_of_an_agreement_in_order(graph_store):
    paris = queries.thing_detail(graph_store, "agreement:paris-agreement")
    assert paris["name_en"] == "Paris Agreement"
    ids = [e["id"] for e in paris["events"]]
    assert ids and len(ids) == len(set(ids))
    assert all(any(t["id"] == "agreement:paris-agreement" for t in e["things"]) for e in paris["events"])
    assert [e["date_start"] for e in paris["events"]] == sorted(e["date_start"] for e in paris["events"])
    assert queries.thing_detail(graph_store, KERRY) is None  # an actor is not an agreement
    listed = {t["id"]: t["events"] for t in queries.things(graph_store)}
    assert listed["agreement:paris-agreement"] == len(ids)


def test_events_of_a_document_are_those_its_sentences_state(graph_store):
    stated = queries.event_ids_in_documents(graph_store, ["sample_001.txt"])
    # the sample's Kerry–Xie talks are a mention of the curated milestone (matched in the store)
    assert "ms-2021-04-14-kerry-shanghai" in stated
    for event_id in stated:
        detail = queries.event_detail(graph_store, event_id)
        assert "sample_001.txt" in {m["doc"] for m in detail["mentions"]}
    assert queries.event_ids_in_documents(graph_store, []) == set()


def test_network_exports_follow_the_kind_weight_and_ego_filters(graph_store):
    people = nx.read_gexf(io.BytesIO(exports.render(graph_store, "gexf", kinds=["person"])))
    assert people.number_of_nodes() and {d["kind"] for _, d in people.nodes(data=True)} == {"person"}
    heavy = nx.read_graphml(io.BytesIO(exports.render(graph_store, "graphml", min_weight=2)))
    assert all(int(d["weight"]) >= 2 for *_, d in heavy.edges(data=True))
    ego = nx.read_gexf(io.BytesIO(exports.render(graph_store, "gexf", centre=KERRY, hops=1)))
    expected = queries.ego_network(graph_store, KERRY, hops=1)
    assert set(ego.nodes) == {n["id"] for n in expected["nodes"]}


def test_event_exports_follow_the_ego_view(graph_store):
    events = json.loads(exports.render(graph_store, "json", centre=KERRY, hops=1))
    ego = {n["id"] for n in queries.ego_network(graph_store, KERRY, hops=1)["nodes"]}
    assert events and all({a["id"] for a in e["actors"]} & ego for e in events)
    everything = json.loads(exports.render(graph_store, "json"))
    assert len(events) < len(everything)
