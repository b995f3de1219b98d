"""The Streamlit UI: its pure helpers, and every page run through AppTest against a loaded store."""

from __future__ import annotations

import json
import socket
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from policygraph.ui.charts import network_layout, selected_ids, timeline_figure
from policygraph.ui.formatting import (
    clean_sentence,
    date_label,
    event_rows,
    event_span,
    markdown_escape,
    matches_text,
    parse_params,
    plain,
    rows_as_csv,
    span_of,
)
from policygraph.ui.periods import load_periods
from streamlit.testing.v1 import AppTest


def make_event(event_id: str, iso: str, precision: str, **extra) -> dict:
    event = {
        "id": event_id, "date": iso, "date_end": None, "precision": precision, "type": "statement",
        "title": f"标题 {event_id}", "title_en": f"title {event_id}", "origin": "extracted",
        "date_start": span_of(iso)[0].isoformat(), "date_conflict": False, "dates_reported": [],
        "actors": [], "things": [], "n_mentions": 1, "docs": [],
    }  # fmt: skip
    event.update(extra)
    return event


# --- dates at their honest precision -------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "first", "last"),
    [
        ("2014-11-12", date(2014, 11, 12), date(2014, 11, 12)),
        ("2016-09", date(2016, 9, 1), date(2016, 9, 30)),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),  # leap year
        ("2015-02", date(2015, 2, 1), date(2015, 2, 28)),
        ("2017", date(2017, 1, 1), date(2017, 12, 31)),
    ],
)
def test_span_of_covers_the_whole_unit_of_precision(iso, first, last):
    assert span_of(iso) == (first, last)


def test_date_label_keeps_month_precision_and_shows_ranges():
    assert date_label(make_event("a", "2016-09", "month")) == "2016-09"
    ranged = make_event("b", "2021-04-15", "day", date_end="2021-04-16")
    assert date_label(ranged) == "2021-04-15 – 2021-04-16"
    assert event_span(ranged) == (date(2021, 4, 15), date(2021, 4, 16))


def test_event_rows_show_conflicts_with_every_reported_date():
    conflicted = make_event(
        "c", "2016-09", "month", date_conflict=True, dates_reported=["2016-09", "2016-09-03"]
    )
    rows = event_rows([conflicted, make_event("d", "2015", "year")])
    assert rows[0]["date"] == "2016-09"
    assert "2016-09-03" in rows[0]["date conflict"] and rows[0]["date conflict"].startswith("⚠")
    assert rows[1]["date conflict"] == ""


def test_text_search_reaches_titles_names_and_aliases():
    kerry = {"id": "person:john-kerry", "name": "约翰·克里", "name_en": "John Kerry", "aliases": ["克里"]}
    paris = {"id": "agreement:paris", "name": "巴黎协定", "name_en": "Paris Agreement", "aliases": []}
    event = make_event("e", "2021-04", "month", actors=[kerry], things=[paris])
    assert matches_text(event, "kerry")
    assert matches_text(event, "克里")
    assert matches_text(event, "巴黎")
    assert matches_text(event, "  ")
    assert not matches_text(event, "Schwarzenegger")


def test_console_parameters_must_be_a_json_object():
    assert parse_params("") == {}
    assert parse_params('{"name": "解振华", "n": 3}') == {"name": "解振华", "n": 3}
    with pytest.raises(ValueError, match="JSON object"):
        parse_params("[1, 2]")
    with pytest.raises(ValueError, match="JSON object"):
        parse_params("{name: 1}")


def test_rows_as_csv_keeps_column_order_and_chinese_text():
    text = rows_as_csv(["name", "n"], [{"n": 2, "name": "解振华"}, {"name": "克里"}])
    assert text.splitlines() == ["name,n", "解振华,2", "克里,"]


def test_plain_turns_driver_values_into_json_able_ones():
    class FakeDate:  # stands for neo4j.time.Date, which has iso_format()
        def iso_format(self) -> str:
            return "2014-11-12"

    assert plain({"d": FakeDate(), "xs": (1, "二")}) == {"d": "2014-11-12", "xs": [1, "二"]}


# --- figures -------------------------------------------------------------------------------------


def test_timeline_figure_marks_precision_and_draws_the_span_of_a_month():
    events = [make_event("day", "2014-11-12", "day"), make_event("month", "2016-09", "month")]
    figure = timeline_figure(events)
    markers = [t for t in figure.data if t.mode == "markers" and t.customdata is not None]
    spans = [t for t in figure.data if t.mode == "lines"]
    assert [row[0] for t in markers for row in t.customdata] == ["day", "month"]
    assert list(markers[0].marker.symbol) == ["circle", "square"]
    # The month-only event is drawn over all of September 2016, not at 1 September alone.
    assert spans and spans[0].x[:2] == ("2016-09-01", "2016-10-01")


def test_timeline_legend_says_shape_is_precision_and_colour_is_origin():
    figure = timeline_figure([make_event("day", "2014-11-12", "day")])
    entries = [t for t in figure.data if t.showlegend is not False and t.name]
    by_group = {}
    for entry in entries:
        by_group.setdefault(entry.legendgroup, {})[entry.name] = entry.marker.symbol
    assert by_group["precision"] == {"exact day": "circle", "month only": "square", "year only": "diamond"}
    assert set(by_group["origin"]) == {"curated", "extracted"}
    assert {e.legendgrouptitle.text for e in entries} == {"precision (shape)", "origin (colour)"}


def test_timeline_figure_zooms_to_the_chosen_period():
    events = [make_event("a", "2016-09-03", "day"), make_event("b", "2009", "year")]
    figure = timeline_figure(events, x_range=(date(2016, 9, 1), date(2016, 9, 30)))
    first, last = (date.fromisoformat(x[:10]) for x in figure.layout.xaxis.range)
    assert date(2016, 8, 20) <= first <= date(2016, 9, 1) and date(2016, 9, 30) <= last <= date(2016, 10, 10)
    assert timeline_figure(events).layout.xaxis.range is None  # all dates: plotly fits the data


def test_timeline_figure_shades_us_administrations_only():
    periods = load_periods()
    figure = timeline_figure([make_event("x", "2015", "year")], bands=periods)
    us_terms = [p for p in periods if p.kind == "us_president"]
    assert len(figure.layout.shapes) == len(us_terms) >= 3


def test_network_layout_places_every_actor_and_keeps_components_apart():
    network = {
        "nodes": [{"id": n, "events": 1} for n in "abcdefg"],
        "edges": [
            {"source": "a", "target": "b", "weight": 3},
            {"source": "b", "target": "c", "weight": 1},
            {"source": "a", "target": "c", "weight": 2},
            {"source": "d", "target": "e", "weight": 1},
        ],  # components {a,b,c}, {d,e}, {f}, {g}
    }
    positions = network_layout(network)
    assert set(positions) == set("abcdefg")
    assert positions == network_layout(network)  # seeded: the same picture on every rerun

    def box(nodes):
        xs, ys = [positions[n][0] for n in nodes], [positions[n][1] for n in nodes]
        return min(xs), max(xs), min(ys), max(ys)

    def overlap(one, other):
        return one[0] <= other[1] and other[0] <= one[1] and one[2] <= other[3] and other[2] <= one[3]

    boxes = [box("abc"), box("de"), box("f"), box("g")]
    assert not any(overlap(boxes[i], boxes[j]) for i in range(4) for j in range(i + 1, 4))


def test_selected_ids_reads_customdata_of_selected_points():
    state = {"selection": {"points": [{"customdata": ["ev-1", "x"]}, {"customdata": "ev-2"}, {"x": 1}]}}
    assert selected_ids(state) == ["ev-1", "ev-2"]
    assert selected_ids(None) == []


def test_period_presets_are_sourced_and_ordered():
    periods = {p.name: p for p in load_periods()}
    obama = periods["Obama administration"]
    assert (obama.start, obama.end) == (date(2009, 1, 20), date(2017, 1, 20))
    assert all(p.source.startswith("https://") and p.start < p.end for p in periods.values())


# --- pages, through AppTest, against the test store ----------------------------------------------

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"
DEFAULT_START, DEFAULT_END = "2008-06-01", "2023-11-15"  # the period every page opens on
RUN_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def fresh_caches():
    """Streamlit caches live in the process: each test starts from a new connection and new results."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_unreachable_database_is_one_clear_sentence(monkeypatch, fresh_caches):
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")  # nobody listens there
    monkeypatch.setenv("NEO4J_USER", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong")
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "policygraph serve" in at.error[0].value
    assert not at.dataframe  # nothing half-drawn under the error


@pytest.fixture
def app_on_store(graph_store, graph_target, monkeypatch, fresh_caches):
    """AppTest factory whose app reaches the session's graph: the embedded server through its
    discovery file, or Neo4j through NEO4J_URI."""
    import policygraph.graph

    graph_target.apply(monkeypatch)
    opened = []
    real_open_store = policygraph.graph.open_store

    def recording_open_store(*args, **kwargs):
        opened.append(real_open_store(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(policygraph.graph, "open_store", recording_open_store)

    def run(page: str | None = None, params: dict[str, str] | None = None) -> AppTest:
        """The app on `page` (the timeline by default) opened at an address with these parameters."""
        at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
        for name, value in (params or {}).items():  # as a fresh browser session opened at that address
            at.query_params[name] = value
        if page is not None:  # AppTest opens the default page first; the address is given again
            at.run()
            at.switch_page(page)
            for name, value in (params or {}).items():
                at.query_params[name] = value
        return at.run()

    yield run
    for store in opened:  # the app's own connection; the session's server keeps running
        store.close()


def test_timeline_lists_each_event_once_with_honest_dates(app_on_store, graph_store):
    from policygraph.graph import queries

    at = app_on_store()
    assert_clean(at)
    expected = queries.timeline(graph_store, start=DEFAULT_START, end=DEFAULT_END, limit=100_000)
    assert f"**{len(expected)} events** · {DEFAULT_START} – {DEFAULT_END}" in markdown_text(at)
    table = at.dataframe[0].value
    assert len(table) == len(expected)
    # The date column shows each event at its own precision.
    month_only = [e for e in expected if e["precision"] == "month" and not e.get("date_end")]
    assert month_only, "the test store should hold a month-precise event"
    assert month_only[0]["date"] in set(table["date"]) and len(month_only[0]["date"]) == 7
    assert len(at.get("plotly_chart")) == 1


def test_timeline_event_detail_shows_sources_and_date_conflict(app_on_store, graph_store):
    from policygraph.graph import queries

    events = queries.timeline(graph_store, start=DEFAULT_START, end=DEFAULT_END, limit=100_000)
    with_mentions = next(e for e in events if e["n_mentions"] > 0)
    at = app_on_store()
    at.selectbox(key="timeline_event").set_value(with_mentions["id"]).run()
    assert_clean(at)
    detail = queries.event_detail(graph_store, with_mentions["id"])
    text = markdown_text(at)
    assert f"Source sentences ({len(detail['mentions'])})" in text
    for mention in detail["mentions"]:
        assert markdown_escape(clean_sentence(mention["text"])) in text
    assert any(with_mentions["title"] in h.value for h in [*at.markdown, *at.subheader])

    conflicted = [e for e in events if e["date_conflict"]]
    if conflicted:  # the curated milestones flag date conflicts; the UI must show every reported date
        at.selectbox(key="timeline_event").set_value(conflicted[0]["id"]).run()
        assert_clean(at)
        warning = " ".join(w.value for w in at.warning)
        assert "Date conflict" in warning
        assert all(reported in warning for reported in conflicted[0]["dates_reported"])


def test_timeline_filters_by_type_period_and_text(app_on_store, graph_store):
    from policygraph.graph import queries

    at = app_on_store()
    at.multiselect[0].set_value(["meeting"]).run()
    assert_clean(at)
    meetings = queries.timeline(
        graph_store, types=["meeting"], start=DEFAULT_START, end=DEFAULT_END, limit=100_000
    )
    assert meetings, "the curated milestones hold meetings"
    assert set(at.dataframe[0].value["type"]) == {"meeting"}
    assert len(at.dataframe[0].value) == len(meetings)

    obama = next(p for p in load_periods() if p.name == "Obama administration")
    at.multiselect[0].set_value([]).run()
    at.selectbox(key="timeline_preset").set_value(obama.name).run()
    assert_clean(at)
    in_term = queries.timeline(
        graph_store, start=obama.start.isoformat(), end=obama.end.isoformat(), limit=100_000
    )
    assert (
        f"**{len(in_term)} events** · {obama.start.isoformat()} – {obama.end.isoformat()}"
        in markdown_text(at)
    )

    at.text_input[0].set_value("no such event anywhere 無此事").run()
    assert_clean(at)
    assert "No event matches" in " ".join(i.value for i in at.info)


def test_network_page_draws_actors_and_shows_an_actor(app_on_store, graph_store):
    from policygraph.graph import queries

    at = app_on_store("network_page.py")
    assert_clean(at)
    network = queries.actor_network(graph_store, start=DEFAULT_START, end=DEFAULT_END)
    assert f"**{len(network['nodes'])} actors**, {len(network['edges'])} links" in markdown_text(at)
    assert len(at.get("plotly_chart")) == 1
    assert len(at.get("download_button")) == 5
    busiest = max(network["nodes"], key=lambda n: n["events"])
    at.selectbox(key="network_actor").set_value(busiest["id"]).run()
    assert_clean(at)
    assert any(busiest["name"] in h.value for h in at.subheader)
    events = queries.actor_detail(graph_store, busiest["id"])["events"]
    assert f"**Events ({len(events)})**" in markdown_text(at)
    # The chosen actor is the centre of the ego view, and the address says so.
    ego = queries.ego_network(graph_store, busiest["id"], start=DEFAULT_START, end=DEFAULT_END)
    assert f"**{len(ego['nodes'])} actors**, {len(ego['edges'])} links" in markdown_text(at)
    assert address(at)["actor"] == busiest["id"]


def test_console_runs_reads_and_refuses_writes(app_on_store, graph_store):
    at = app_on_store("console_page.py")
    assert_clean(at)
    at.text_area(key="console_cypher").set_value("MATCH (e:Event) RETURN count(e) AS n").run()
    at.button[0].click().run()
    assert_clean(at)
    counted = at.dataframe[0].value
    assert int(counted["n"].iloc[0]) == graph_store.counts()["Event"]

    at.number_input[0].set_value(2).run()  # another widget's rerun keeps the last result on the page
    assert len(at.dataframe) == 1
    at.text_area(key="console_cypher").set_value("MATCH (e:Event) RETURN e.id AS id").run()
    at.button[0].click().run()
    assert len(at.dataframe[0].value) == 2
    assert "stopped at the row limit of 2" in " ".join(c.value for c in at.caption)

    before = graph_store.counts()
    at.text_area(key="console_cypher").set_value("CREATE (x:Probe {name: 'ui'}) RETURN x").run()
    at.button[0].click().run()
    assert not at.exception
    assert len(at.error) == 1 and "read-only" in at.error[0].value
    assert graph_store.counts() == before  # refused by the database, nothing written

    at.text_area(key="console_cypher").set_value("MATCH (e:Event RETURN e").run()
    at.button[0].click().run()
    assert not at.exception and len(at.error) == 1


def test_console_loads_example_queries_with_their_parameters(app_on_store):
    from policygraph.graph import queries

    examples = queries.example_queries()
    assert examples
    with_params = next((e for e in examples if e.params), examples[0])
    at = app_on_store("console_page.py")
    at.selectbox(key="console_example").set_value(with_params.title).run()
    assert at.text_area(key="console_cypher").value == with_params.cypher.strip()
    assert json.loads(at.text_input(key="console_params").value) == with_params.params
    at.button[0].click().run()
    assert_clean(at)


def test_about_page_counts_and_documents(app_on_store, graph_store):
    from policygraph.graph import queries

    at = app_on_store("about_page.py")
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["events"] == f"{queries.summary(graph_store)['events']:,}"
    documents = queries.documents(graph_store)
    shown = next(d.value for d in at.dataframe if "sha256" in d.value.columns)
    assert sorted(shown["id"]) == sorted(d["id"] for d in documents) and len(documents) > 0


# --- the view in the address ---------------------------------------------------------------------


def address(at: AppTest) -> dict[str, str]:
    """The address bar's parameters, one value each."""
    return {k: v if isinstance(v, str) else v[-1] for k, v in at.query_params.items()}


def warning_text(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def test_address_restores_every_timeline_filter_and_the_open_event(app_on_store, graph_store):
    from policygraph.graph import queries

    in_2021 = queries.timeline(graph_store, start="2021-01-01", end="2021-12-31", limit=100_000)
    kerry = "person:john-kerry"
    kerry_2021 = [e for e in in_2021 if any(a["id"] == kerry for a in e["actors"])]
    assert kerry_2021, "the curated milestones hold Kerry's 2021 meetings"
    opened = kerry_2021[0]
    params = {"period": "2021-01-01..2021-12-31", "actors": kerry, "origin": "curated", "event": opened["id"]}
    at = app_on_store(params=params)
    assert_clean(at)
    assert not at.warning
    curated = [e for e in kerry_2021 if e["origin"] == "curated"]
    assert f"**{len(curated)} events** · 2021-01-01 – 2021-12-31" in markdown_text(at)
    assert at.multiselect(key="timeline_actors").value == [kerry]
    assert at.selectbox(key="timeline_event").value == opened["id"]
    assert any(h.value == opened["title_en"] for h in at.subheader)  # English by default
    assert address(at) == params  # the address still names the view

    # A change in the sidebar reaches the address at once.
    at.multiselect(key="timeline_types").set_value(["meeting"]).run()
    assert address(at)["type"] == "meeting"


def test_address_with_unusable_values_warns_and_falls_back(app_on_store, graph_store):
    bad = {"period": "2021-13-01..2021", "type": "meeting,parade", "event": "no-such-event"}
    at = app_on_store(params=bad)
    assert not at.exception
    warnings = warning_text(at)
    assert "period=2021-13-01..2021" in warnings and "parade" in warnings and "no-such-event" in warnings
    assert f"· {DEFAULT_START} – {DEFAULT_END}" in markdown_text(at)  # the default period, not nothing
    assert at.multiselect(key="timeline_types").value == ["meeting"]  # the usable part is kept
    assert at.selectbox(key="timeline_event").value is None
    assert "event" not in address(at) and address(at)["type"] == "meeting"


def test_all_dates_is_an_explicit_choice(app_on_store, graph_store):
    from policygraph.graph import queries

    at = app_on_store(params={"period": "all"})
    assert_clean(at)
    everything = queries.timeline(graph_store, limit=100_000)
    assert f"**{len(everything)} events** · All dates" in markdown_text(at)
    default = queries.timeline(graph_store, start=DEFAULT_START, end=DEFAULT_END, limit=100_000)
    assert len(everything) > len(default)  # the reference data reaches outside 2008-06 → 2023-11-15


def test_filters_survive_a_page_switch(app_on_store):
    at = app_on_store(params={"period": "2017-01-20..2021-01-20"})
    at.switch_page("network_page.py").run()
    assert_clean(at)
    assert "2017-01-20 – 2021-01-20" in markdown_text(at)
    assert address(at)["period"] == "2017-01-20..2021-01-20"
    at.switch_page("timeline_page.py").run()
    assert "· 2017-01-20 – 2021-01-20" in markdown_text(at)


def test_chinese_labels_and_names(app_on_store, graph_store):
    from policygraph.graph import queries

    events = queries.timeline(graph_store, start=DEFAULT_START, end=DEFAULT_END, limit=100_000)
    both = next(e for e in events if e["title"] and e["title_en"] and e["actors"])
    at = app_on_store(params={"lang": "zh", "event": both["id"]})
    assert_clean(at)
    assert at.title[0].value == "中美气候外交时间线"
    assert any(h.value == both["title"] for h in at.subheader)  # the Chinese title leads
    assert address(at)["lang"] == "zh"
    english = app_on_store(params={"event": both["id"]})
    assert any(h.value == both["title_en"] for h in english.subheader)


def test_document_filter_keeps_the_events_its_sentences_state(app_on_store, graph_store):
    from policygraph.graph import queries

    doc = queries.documents(graph_store)[0]["id"]
    stated = queries.event_ids_in_documents(graph_store, [doc])
    assert stated
    at = app_on_store(params={"doc": doc, "period": "all"})
    assert_clean(at)
    assert f"**{len(stated)} events**" in markdown_text(at)


# --- actor and agreement pages -------------------------------------------------------------------


def test_actor_page_shows_offices_events_co_actors_and_ego_network(app_on_store, graph_store):
    from policygraph.graph import queries

    at = app_on_store("actor_page.py", params={"actor": "person:john-kerry"})
    assert_clean(at)
    detail = queries.actor_detail(graph_store, "person:john-kerry")
    text = markdown_text(at)
    assert "**Offices held**" in text and "Special Presidential Envoy for Climate" in text
    assert f"**Events ({len(detail['events'])})**" in text
    partners = queries.co_actors(graph_store, "person:john-kerry")
    table = next(d.value for d in at.dataframe if "shared" in d.value.columns)
    assert list(table["shared"]) == sorted(table["shared"], reverse=True) and len(table) == len(partners)
    assert len(at.get("plotly_chart")) == 1  # the ego network

    bad = app_on_store("actor_page.py", params={"actor": "person:nobody"})
    assert "person:nobody" in warning_text(bad) and not bad.exception


def test_agreement_page_lists_its_events_with_sources(app_on_store, graph_store):
    from policygraph.graph import queries

    paris = queries.thing_detail(graph_store, "agreement:paris-agreement")
    assert paris["events"], "the curated milestones concern the Paris Agreement"
    at = app_on_store("agreement_page.py", params={"agreement": "agreement:paris-agreement"})
    assert_clean(at)
    assert f"**Events ({len(paris['events'])})**" in markdown_text(at)
    assert len(at.expander) == len(paris["events"])
    dates = [e["date_start"] for e in paris["events"]]
    assert dates == sorted(dates)


def test_console_draws_nodes_and_paths_of_the_results_as_a_graph(app_on_store):
    from policygraph.graph import queries

    [example] = [e for e in queries.example_queries() if "as a graph" in e.title]
    at = app_on_store("console_page.py")
    at.selectbox(key="console_example").set_value(example.title).run()
    at.button[0].click().run()
    assert_clean(at)
    assert len(at.get("plotly_chart")) == 1 and len(at.dataframe) == 1
    assert any("node(s)" in c.value and "relationship(s)" in c.value for c in at.caption)
    at.text_area(key="console_cypher").set_value("MATCH (e:Event) RETURN e.id AS id LIMIT 3").run()
    at.button[0].click().run()
    assert len(at.get("plotly_chart")) == 0  # plain values: a table only
