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


# -- what the pages ask at overview zoom: counts, pages, the top of the network -------------------

FILTER_SETS = [
    {},
    {"start": "2008-06-01", "end": "2023-11-15"},
    {"start": "2021", "end": "2021", "types": ["meeting", "statement"]},
    {"actor_ids": [KERRY]},
    {"origin": "curated", "start": "2014-11"},
]


def test_histogram_counts_add_up_to_the_events_of_each_month_and_type(graph_store):
    from collections import Counter

    for filters in FILTER_SETS:
        events = queries.timeline(graph_store, limit=100_000, **filters)
        assert events or filters, "the test store holds events"
        expected = Counter((e["date_start"][:4], e["date_start"][5:7], e["type"]) for e in events)
        histogram = queries.timeline_histogram(graph_store, **filters)
        got = Counter({(str(r["year"]), f"{r['month']:02d}", r["type"]): r["n"] for r in histogram})
        assert got == expected, filters
        assert sum(r["n"] for r in histogram) == queries.timeline_count(graph_store, **filters) == len(events)
        by_year = queries.timeline_histogram(graph_store, by="year", **filters)
        assert Counter({(r["year"], r["type"]): r["n"] for r in by_year}) == Counter(
            (int(e["date_start"][:4]), e["type"]) for e in events
        )
        assert all(r["month"] is None for r in by_year)


def test_pages_of_the_timeline_cover_every_event_once_in_date_order(graph_store):
    for filters in FILTER_SETS:
        events = queries.timeline(graph_store, limit=100_000, **filters)
        histogram = queries.timeline_histogram(graph_store, **filters)
        seen: list[str] = []
        for page in range(len(events) // 7 + 2):
            rows = queries.timeline_page(graph_store, page=page, page_size=7, histogram=histogram, **filters)
            assert len(rows) == min(7, max(0, len(events) - 7 * page))
            assert rows == events[7 * page : 7 * page + 7]  # the same rows as the whole list, cut
            seen += [e["id"] for e in rows]
        assert seen == [e["id"] for e in events] and len(set(seen)) == len(seen)
    # without a histogram given, the page reads its own
    assert queries.timeline_page(graph_store, page=1, page_size=5) == queries.timeline(
        graph_store, skip=5, limit=5
    )


def test_event_ids_filter_narrows_every_timeline_query(graph_store):
    kerry_events = [e["id"] for e in queries.timeline(graph_store, actor_ids=[KERRY], limit=100_000)]
    chosen = set(kerry_events[:3]) | {"no-such-event"}
    narrowed = queries.timeline(graph_store, event_ids=chosen, limit=100)
    assert {e["id"] for e in narrowed} == set(kerry_events[:3])
    assert queries.timeline_count(graph_store, event_ids=chosen) == 3
    assert queries.timeline_count(graph_store, event_ids=set()) == 0
    both = queries.timeline_count(graph_store, event_ids=chosen, actor_ids=[KERRY], types=["meeting"])
    assert both == sum(1 for e in narrowed if e["type"] == "meeting")


def test_text_search_finds_titles_names_and_aliases_in_the_database(graph_store):
    everything = queries.timeline(graph_store, limit=100_000)
    with_kerry = {e["id"] for e in everything if any(a["id"] == KERRY for a in e["actors"])}
    assert with_kerry and with_kerry <= queries.event_ids_matching(graph_store, "KERRY")
    assert with_kerry <= queries.event_ids_matching(graph_store, "克里")  # his Chinese name
    paris = {e["id"] for e in everything if any(t["id"] == "agreement:paris-agreement" for t in e["things"])}
    assert paris and paris <= queries.event_ids_matching(graph_store, "巴黎协定")
    title = next(e for e in everything if e.get("title_en"))
    assert title["id"] in queries.event_ids_matching(graph_store, title["title_en"][:12].upper())
    assert queries.event_ids_matching(graph_store, "no such event anywhere 無此事") == set()
    assert queries.event_ids_matching(graph_store, "  ") == set()


def _full_top(full: dict, actors: int, links: int) -> tuple[list[str], list[dict]]:
    ranked = sorted(full["nodes"], key=lambda n: (-n["events"], n["id"]))[:actors]
    ids = {n["id"] for n in ranked}
    edges = [e for e in full["edges"] if e["source"] in ids and e["target"] in ids][:links]
    return [n["id"] for n in ranked], edges


def test_top_network_is_the_top_of_the_full_network(graph_store):
    for filters in ({}, {"start": "2013", "end": "2017"}, {"kinds": ["person", "state"]}):
        full = queries.actor_network(graph_store, **filters)
        top = queries.top_network(graph_store, actors=12, links=20, **filters)
        ids, edges = _full_top(full, 12, 20)
        assert [n["id"] for n in top["nodes"]] == ids and len(ids) == 12
        assert top["edges"] == edges and edges
        counts = {n["id"]: n["events"] for n in full["nodes"] if n["id"] in ids}
        assert {n["id"]: n["events"] for n in top["nodes"]} == counts
    # large enough bounds give the whole network back
    full = queries.actor_network(graph_store)
    whole = queries.top_network(graph_store, actors=10_000, links=100_000)
    assert {n["id"] for n in whole["nodes"]} == {n["id"] for n in full["nodes"]}
    assert whole["edges"] == full["edges"]
    heavy = queries.top_network(graph_store, min_weight=2, actors=10_000, links=100_000)
    full_heavy = queries.actor_network(graph_store, min_weight=2)
    assert heavy["edges"] == full_heavy["edges"]
    assert {n["id"] for n in heavy["nodes"]} == {n["id"] for n in full_heavy["nodes"]}


def test_bounded_ego_view_keeps_the_closest_neighbours(graph_store):
    whole = queries.ego_network(graph_store, KERRY, hops=1)
    bounded = queries.ego_network(graph_store, KERRY, hops=1, limit=4)
    closest = [p["id"] for p in queries.co_actors(graph_store, KERRY)][:3]
    assert len(whole["nodes"]) > 4
    assert {n["id"] for n in bounded["nodes"]} == {KERRY, *closest}
    kept = {n["id"] for n in bounded["nodes"]}
    assert bounded["edges"] == [e for e in whole["edges"] if e["source"] in kept and e["target"] in kept]
    two = queries.ego_network(graph_store, KERRY, hops=2, limit=len(whole["nodes"]) + 2)
    assert {n["id"] for n in whole["nodes"]} < {n["id"] for n in two["nodes"]}
    assert len(two["nodes"]) == len(whole["nodes"]) + 2
    assert len(queries.ego_network(graph_store, KERRY, hops=1, links=3)["edges"]) == 3
    assert queries.ego_network(graph_store, KERRY, kinds=["state"])["nodes"] == []  # Kerry is a person


def test_co_actors_limit_keeps_the_first(graph_store):
    partners = queries.co_actors(graph_store, KERRY)
    assert queries.co_actors(graph_store, KERRY, limit=2) == partners[:2]


def test_office_titles_give_roles_in_english(graph_store):
    titles = queries.office_titles(graph_store)
    assert titles["美国总统气候问题特使"] == "Special Presidential Envoy for Climate"
    assert titles["中国气候变化事务特使"] == "China's Special Envoy for Climate Change"


def test_graph_version_is_stable_and_follows_the_documents(graph_store, graph_helpers, sample_documents):
    before = queries.graph_version(graph_store)
    assert before == queries.graph_version(graph_store)
    doc, records = sample_documents[0]
    moved = [dict(r, doc="version_probe.txt", event_id=f"{r['event_id']}-probe") for r in records]
    from dataclasses import replace

    probe = replace(doc, id="version_probe.txt", path=doc.path.with_name("version_probe.txt"), sha256="probe")
    try:
        graph_store.load_document(probe, moved, match_events=False)
        assert queries.graph_version(graph_store) != before
    finally:
        graph_helpers.forget_document(graph_store, "version_probe.txt")
    assert queries.graph_version(graph_store) == before


def test_document_titles_list_every_document(graph_store):
    titles = queries.document_titles(graph_store)
    assert [d["id"] for d in titles] == [d["id"] for d in queries.documents(graph_store)]
    assert all(set(d) == {"id", "title"} for d in titles)
