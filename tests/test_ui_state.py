"""Pure parts of the UI: address parameters, clean source sentences, translations, the launcher."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from policygraph.ui import state
from policygraph.ui.formatting import (
    actor_name,
    clean_sentence,
    event_rows,
    markdown_escape,
    result_graph,
    short_name,
)
from policygraph.ui.i18n import ZH
from policygraph.ui.launch import ROOT_SCRIPT, inject_root
from policygraph.ui.periods import load_periods

UI = Path(__file__).resolve().parents[1] / "ui"


# --- address parameters --------------------------------------------------------------------------


def test_period_parameter_reads_all_or_two_days_and_refuses_the_rest():
    assert state.period("all") == state.ALL
    assert state.period("2021-01-20..2025-01-20") == (date(2021, 1, 20), date(2025, 1, 20))
    assert state.dump_period((date(2016, 9, 1), date(2016, 9, 30))) == "2016-09-01..2016-09-30"
    for bad in ("2021", "2021-13-01..2021-12-31", "2022-01-01..2021-01-01", "yesterday"):
        with pytest.raises(ValueError):
            state.period(bad)


def test_list_choice_and_number_parameters_refuse_unknown_values():
    assert state.choices(("a", "b"))("a, b") == ["a", "b"]
    with pytest.raises(ValueError, match="zz"):
        state.choices(("a", "b"))("a,zz")
    assert state.integer(1, 2)("2") == 2
    for bad in ("0", "3", "two"):
        with pytest.raises(ValueError):
            state.integer(1, 2)(bad)
    with pytest.raises(ValueError):
        state.choice(("en", "zh"))("fr")
    assert state.id_list("person:john-kerry,,state:china") == ["person:john-kerry", "state:china"]


def test_default_period_is_the_subject_period_of_the_presets():
    subject = [p for p in load_periods() if p.kind == "subject"]
    assert len(subject) == 1 and subject[0].source.startswith("https://")
    assert (
        (subject[0].start, subject[0].end) == state.PERIOD.default == (date(2008, 6, 1), date(2023, 11, 15))
    )


# --- source sentences ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("当特朗普政府于 2018 年\n\n一月开始对中国征收关税", "当特朗普政府于 2018 年一月开始对中国征收关税"),
        ("这有助于建立\n\n国际势头。", "这有助于建立国际势头。"),
        ("the Paris\nAgreement", "the Paris Agreement"),
        ("co-\noperation on climate", "cooperation on climate"),
        ("the US-\nChina statement", "the US-China statement"),
        ("  one line  ", "one line"),
    ],
)
def test_clean_sentence_joins_the_line_breaks_of_a_pdf(raw, clean):
    assert clean_sentence(raw) == clean


def test_markdown_escape_keeps_text_literal():
    assert markdown_escape("1. “1.5 摄氏度” *x* [a](b)") == r"1\. “1\.5 摄氏度” \*x\* \[a\]\(b\)"


# --- languages -----------------------------------------------------------------------------------


def _translated_literals() -> dict[str, list[str]]:
    """Every literal string passed to t(…) in ui/*.py, with the files it appears in."""
    found: dict[str, list[str]] = {}
    for path in sorted(UI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, []).append(path.name)
    return found


def test_every_label_of_the_ui_has_its_chinese():
    literals = _translated_literals()
    assert len(literals) > 60  # the scan does see the pages' labels
    missing = {text: files for text, files in literals.items() if text not in ZH}
    assert not missing, missing
    placeholders = [text for text in literals if "{" in text and ZH[text].count("{") != text.count("{")]
    assert not placeholders, placeholders


def test_names_and_titles_follow_the_language():
    kerry = {"id": "person:john-kerry", "name": "约翰·克里", "name_en": "John Kerry"}
    assert actor_name(kerry, "en") == "John Kerry (约翰·克里)"
    assert actor_name(kerry, "zh") == "约翰·克里 (John Kerry)"
    assert short_name(kerry, "en") == "John Kerry" and short_name({"id": "x", "name": "某"}, "en") == "某"
    event = {
        "id": "e",
        "date": "2021-04-17",
        "title": "中美应对气候危机联合声明",
        "title_en": "Joint Statement",
    }
    row = event_rows([event], "en")[0]
    assert (row["title"], row["title_other"]) == ("Joint Statement", "中美应对气候危机联合声明")
    assert event_rows([event], "zh")[0]["title"] == "中美应对气候危机联合声明"


# --- launcher ------------------------------------------------------------------------------------


def test_index_page_learns_the_server_root_before_streamlit_starts():
    page = b"<!doctype html><html><head><script src=x.js></script></head><body></body></html>"
    served = inject_root(page)
    assert served.index(ROOT_SCRIPT) < served.index(b"x.js")
    assert inject_root(served) == served  # once only


# --- console results as a graph ------------------------------------------------------------------


def test_result_graph_draws_paths_and_rows_of_two_nodes_with_their_relationship():
    kerry = {"_labels": ["Actor", "Person"], "id": "person:john-kerry", "name": "克里"}
    talks = {"_labels": ["Event"], "id": "ev-1", "title": "会谈"}
    xie = {"_labels": ["Actor", "Person"], "id": "person:xie-zhenhua", "name": "解振华"}
    took_part = {"_type": "PARTICIPATED_IN", "role": ""}
    path = {"nodes": [kerry, talks, xie], "relationships": [took_part, took_part]}
    graph = result_graph([{"p": path}, {"a": kerry, "r": took_part, "e": talks}, {"n": 3}])
    assert {n["id"]: n["kind"] for n in graph["nodes"]} == {
        "person:john-kerry": "Person", "ev-1": "Event", "person:xie-zhenhua": "Person"
    }  # fmt: skip
    assert {(e["source"], e["target"], e["type"]) for e in graph["edges"]} == {
        ("person:john-kerry", "ev-1", "PARTICIPATED_IN"), ("ev-1", "person:xie-zhenhua", "PARTICIPATED_IN")
    }  # fmt: skip
    assert result_graph([{"n": 1, "name": "x"}]) == {"nodes": [], "edges": []}  # plain values: no graph


def test_roles_read_in_the_readers_language():
    from policygraph.ui.formatting import role_label

    titles = {"美国总统气候问题特使": "Special Presidential Envoy for Climate"}
    assert role_label("美国总统气候问题特使", "en", titles) == "Special Presidential Envoy for Climate"
    assert role_label("美国总统气候问题特使", "zh", titles) == "美国总统气候问题特使"
    assert role_label("某未知职务", "en", titles) == "某未知职务"  # no English title known: the Chinese one
    assert role_label("", "en", titles) == role_label(None, "en", titles) == ""


def test_administration_labels_never_print_over_each_other():
    from datetime import date

    from policygraph.ui.charts import band_labels, timeline_figure
    from policygraph.ui.periods import load_periods

    periods = load_periods()
    view = (date(2008, 6, 1), date(2023, 11, 15))
    labels = band_labels(periods, view, "en")
    assert [label for _, _, label, _ in labels] == [
        "Obama administration", "Trump administration", "Biden administration"
    ]  # fmt: skip
    # neighbours alternate rows; each label sits in the middle of the part of its band in view
    assert all(a[3] != b[3] for a, b in zip(labels, labels[1:], strict=False))
    for period, middle, _, _ in labels:
        first, last = max(period.start, view[0]), min(period.end, view[1])
        assert abs((middle - first) - (last - middle)).days <= 1
    # a 2021 view: Trump's band shows 20 days of it, too narrow for its name
    in_2021 = band_labels(periods, (date(2021, 1, 1), date(2021, 12, 31)), "zh")
    assert [label for _, _, label, _ in in_2021] == ["拜登政府"]
    figure = timeline_figure([], bands=periods, x_range=(date(2021, 1, 1), date(2021, 12, 31)), lang="zh")
    assert [a.text for a in figure.layout.annotations] == ["拜登政府"]
    assert len(figure.layout.shapes) == 3  # every band still shaded


def test_overview_figure_stacks_the_counts_of_each_month_by_type():
    from policygraph.ui.charts import timeline_overview_figure

    histogram = [
        {"year": 2016, "month": 9, "type": "meeting", "n": 4},
        {"year": 2016, "month": 9, "type": "statement", "n": 2},
        {"year": 2016, "month": 11, "type": "meeting", "n": 1},
    ]
    figure = timeline_overview_figure(histogram, x_range=(date(2016, 1, 1), date(2016, 12, 31)))
    bars = {trace.name: trace for trace in figure.data if trace.type == "bar"}
    assert set(bars) == {"meeting", "statement"} and figure.layout.barmode == "stack"
    assert list(bars["meeting"].y) == [4, 1] and list(bars["statement"].y) == [2]
    assert [row[0] for row in bars["meeting"].customdata] == ["2016-09-01", "2016-11-01"]  # a click's month
    assert sum(sum(trace.y) for trace in bars.values()) == 7
