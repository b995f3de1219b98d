"""Every example query of docs/schema.md runs, read-only, on the embedded engine."""

from __future__ import annotations

import pytest
from policygraph.graph.queries import example_queries, parse_examples

EXAMPLES = example_queries()


def test_the_schema_doc_offers_at_least_15_examples():
    assert len(EXAMPLES) >= 15
    assert len({e.title for e in EXAMPLES}) == len(EXAMPLES)
    assert all(
        e.cypher.upper().lstrip().startswith(("MATCH", "OPTIONAL", "WITH", "UNWIND")) for e in EXAMPLES
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.title for e in EXAMPLES])
def test_example_query_runs_through_the_read_only_path(graph_store, example):
    result = graph_store.read(example.cypher, example.params, limit=10000, timeout=30)
    if example.expect_rows:
        assert result.rows, f"{example.title!r} returned no rows"


def _run(graph_store, title_part: str):
    [example] = [e for e in EXAMPLES if title_part in e.title]
    return graph_store.read(example.cypher, example.params).rows


def test_shortest_path_runs_from_schwarzenegger_to_xi(graph_store):
    [row] = _run(graph_store, "shortest path")
    assert row["path"][0] == "施瓦辛格" and row["path"][-1] == "习近平"
    assert row["hops"] == len(row["path"]) - 1


def test_events_per_administration_follow_office_terms(graph_store):
    rows = _run(graph_store, "per US administration")
    presidents = [r["president"] for r in rows]
    assert presidents.index("Barack Obama") < presidents.index("Donald Trump") < presidents.index("Joe Biden")
    assert sum(r["events"] for r in rows) <= graph_store.counts()["Event"]


def test_actors_after_2021_were_not_seen_before(graph_store):
    rows = _run(graph_store, "only after 2021")
    assert "organization:sample-green-lab" in {
        r["id"]
        for r in graph_store.read("MATCH (a:Actor) WHERE a.name = '样例绿色实验室' RETURN a.id AS id").rows
    }
    assert all(r["first_seen"] >= "2021-01-01" for r in rows)
    assert "习近平" not in {r["name"] for r in rows}


def test_params_and_expectations_are_parsed():
    markdown = (
        "intro\n### Not an example\n```cypher\nMATCH (n) RETURN n\n```\n"
        '## Example queries\n### One\ntext\n```cypher\n// params: {"x": 1}\n// expect: rows\n'
        "MATCH (n) WHERE n.x = $x RETURN n\n```\n### Two\n```cypher\nRETURN 1\n```\n"
    )
    one, two = parse_examples(markdown)
    assert (one.title, one.params, one.expect_rows) == ("One", {"x": 1}, True)
    assert one.cypher == "MATCH (n) WHERE n.x = $x RETURN n"
    assert (two.title, two.params, two.expect_rows, two.cypher) == ("Two", {}, False, "RETURN 1")
