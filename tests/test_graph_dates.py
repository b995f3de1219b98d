"""Date spans and conflicts, and the procedure-call guard: pure functions, no database."""

from __future__ import annotations

from datetime import date

import pytest
from policygraph.graph import ReadOnlyViolation
from policygraph.graph.dates import agrees, event_span, parse_span, reported_dates_and_conflict
from policygraph.graph.guard import check_read_only


@pytest.mark.parametrize(
    "iso,first,last",
    [
        ("2016", date(2016, 1, 1), date(2016, 12, 31)),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
        ("2015-02", date(2015, 2, 1), date(2015, 2, 28)),
        ("2016-09-03", date(2016, 9, 3), date(2016, 9, 3)),
    ],
)
def test_spans_cover_the_stated_precision(iso, first, last):
    assert parse_span(iso) == (first, last)


@pytest.mark.parametrize("bad", ["2016-13", "2016-02-30", "16-09", "2016/09/03", "", "2016-9"])
def test_invalid_dates_are_refused(bad):
    with pytest.raises(ValueError):
        parse_span(bad)


def test_ranges_and_reversed_ranges():
    assert event_span("2015-11-30", "2015-12-12") == (date(2015, 11, 30), date(2015, 12, 12))
    with pytest.raises(ValueError):
        event_span("2015-12-12", "2015-11-30")


def test_coarser_dates_agree_other_days_conflict():
    assert agrees("2016-09", "2016-09-03")
    assert agrees("2016", "2016-09-03")
    assert not agrees("2016-09-04", "2016-09-03")
    assert agrees("2015-12-01", "2015-11-30", "2015-12-12")
    assert not agrees("2015-12-13", "2015-11-30", "2015-12-12")
    dates, conflict = reported_dates_and_conflict("2016-09-03", None, ["2016-09", "2016-09-03"])
    assert dates == ["2016-09", "2016-09-03"] and not conflict
    assert reported_dates_and_conflict("2016-09-03", None, ["2016-09-04"])[1]


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n) RETURN n.offset AS created, n.settings AS x",
        "MATCH (n) WHERE n.title = 'CREATE (x)' RETURN n",
        "MATCH (n) // DELETE n\nRETURN n",
        "MATCH (n:`SET`) RETURN n",
        "CALL db.labels() YIELD label RETURN label",
        "MATCH (n) RETURN n.set, $merge",
    ],
)
def test_reading_queries_pass_the_guard(query):
    check_read_only(query)


@pytest.mark.parametrize(
    "query",
    [
        "CALL apoc.periodic.iterate('a', 'b', {})",
        "CALL apoc.refactor.mergeNodes([])",
        "call apoc.create.node(['X'], {}) YIELD node RETURN node",
        "CALL dbms.security.createUser('u', 'p', false)",
        # schema commands too: the embedded engine accepts DROP … IF EXISTS with nothing to drop
        "DROP INDEX x",
    ],
)
def test_writing_procedures_fail_the_guard(query):
    with pytest.raises(ReadOnlyViolation):
        check_read_only(query)


@pytest.mark.parametrize(
    "query",
    ["create (n)", "MATCH (n) SET n.x = 1", "LOAD  CSV FROM 'x' AS r RETURN r"],
)
def test_write_clauses_are_left_to_the_server(query):
    """The server refuses them (tests/test_readonly.py); the client does not pre-empt it."""
    check_read_only(query)
