"""The named queries the UI reads through, on the session store (reference data + sample records)."""

from __future__ import annotations

import json

from policygraph.graph import queries


def test_timeline_filters_by_period_at_any_precision(graph_store):
    events = queries.timeline(graph_store, start="2016-09", end="2016-09")
    assert events
    assert all(e["date_start"] <= "2016-09-30" and e["date_stop"] >= "2016-09-01" for e in events)
    assert [e["date_start"] for e in events] == sorted(e["date_start"] for e in events)
    json.dumps(events)  # JSON-able as promised


def test_timeline_filters_by_actor_type_and_origin(graph_store):
    events = queries.timeline(
        graph_store, actor_ids=["person:xie-zhenhua"], types=["meeting"], origin="extracted"
    )
    ids = {e["id"] for e in events}
    assert "ev-2023-06-sample-kerry-xie-call" in ids
    # the samples' Shanghai talks were matched onto the curated milestone when loaded
    assert "ms-2021-04-14-kerry-shanghai" not in ids and "ms-2021-04-14-kerry-shanghai" not in ids
    for event in events:
        assert event["type"] == "meeting" and event["origin"] == "extracted"
        assert "person:xie-zhenhua" in {a["id"] for a in event["actors"]}


def test_timeline_limit_and_newest_first(graph_store):
    oldest = queries.timeline(graph_store, limit=3)
    newest = queries.timeline(graph_store, limit=3, newest_first=True)
    assert len(oldest) == len(newest) == 3
    assert oldest[0]["date_start"] < newest[0]["date_start"]
    everything = queries.timeline(graph_store, limit=100000)
    assert len(everything) == graph_store.counts()["Event"]


def test_event_fields_follow_the_contract(graph_store):
    [event] = [
        e for e in queries.timeline(graph_store, start="2017-10", end="2017-10") if e["origin"] == "extracted"
    ]
    expected = {"id", "date", "date_end", "precision", "type", "title", "title_en", "origin", "date_start",
                "date_conflict", "dates_reported", "actors", "things", "n_mentions", "docs"}  # fmt: skip
    assert expected <= set(event)
    assert (
        event["precision"] == "month"
        and event["date_start"] == "2017-10-01"
        and event["date_stop"] == "2017-10-31"
    )
    assert {"id", "name", "name_en", "kind", "role"} <= set(event["actors"][0])
    assert [t["id"] for t in event["things"]] == ["agreement:paris-agreement"]


def test_actor_network_weights_count_shared_events(graph_store):
    network = queries.actor_network(graph_store, start="2021", end="2023")
    edge = next(
        e
        for e in network["edges"]
        if {e["source"], e["target"]} == {"person:john-kerry", "person:xie-zhenhua"}
    )
    assert edge["weight"] == len(edge["event_ids"]) >= 2
    assert "ms-2021-04-14-kerry-shanghai" in edge["event_ids"]
    heavy = queries.actor_network(graph_store, start="2021", end="2023", min_weight=edge["weight"])
    assert all(e["weight"] >= edge["weight"] for e in heavy["edges"])
    linked = {e["source"] for e in heavy["edges"]} | {e["target"] for e in heavy["edges"]}
    assert {n["id"] for n in heavy["nodes"]} == linked
    people = queries.actor_network(graph_store, kinds=["person"])
    assert {n["kind"] for n in people["nodes"]} == {"person"}


def test_actor_detail_has_offices_and_events(graph_store):
    kerry = queries.actor_detail(graph_store, "person:john-kerry")
    assert "Person" in kerry["labels"] and kerry["offices"]
    assert any(e["id"] == "ms-2021-04-14-kerry-shanghai" for e in kerry["events"])
    assert queries.actor_detail(graph_store, "person:nobody") is None
    us = queries.actor_detail(graph_store, "state:united-states")
    assert "person:john-kerry" in {h["id"] for h in us["office_holders"]}


def test_lists_and_summary(graph_store):
    docs = queries.documents(graph_store)
    assert {d["id"]: d["mentions"] for d in docs if d["id"].startswith("sample_")} == {
        "sample_001.txt": 6,
        "sample_002.txt": 3,
    }
    actors = queries.actors(graph_store)
    assert actors[0]["events"] >= actors[-1]["events"]
    summary = queries.summary(graph_store)
    assert summary["events"] == graph_store.counts()["Event"]
    assert summary["first_date"] <= "2009-01-01" and summary["last_date"] >= "2023-11-15"
    assert summary["date_conflicts"] >= 1
    assert queries.event_detail(graph_store, "no-such-event") is None
