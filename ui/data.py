"""The named queries the pages read, cached per graph version.

Every result is cached by Streamlit (`st.cache_data`, shared by every session of the process)
under the store's address and `queries.graph_version`, a fingerprint of the documents and of
the event and actor counts: an ingest or an upload changes it, so the next run reads the graph
again, while a reader who comes back to a view, switches the language or opens the next page
of the table gets it without asking the database. The fingerprint itself costs a few
milliseconds and is read on every run.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from policygraph.graph import queries

CACHE_TTL_S = 3600  # a change the fingerprint cannot see (reference data reloaded) shows within the hour
CACHE_ENTRIES = 128


def version(store: Any) -> str:
    """The store's address and its graph version: the key of every cached result."""
    return f"{getattr(store, 'uri', '')}#{queries.graph_version(store)}"


def _frozen(value: Any) -> Any:
    """A hashable, order-free form of a filter value (sets and lists become sorted tuples)."""
    if isinstance(value, set | frozenset | list | tuple):
        return tuple(sorted(value))
    return value


def _filters(filters: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, _frozen(v)) for k, v in filters.items() if v not in (None, [], ())))


def _thaw(filters: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in filters}


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _read(_store: Any, key: str, name: str, args: tuple, filters: tuple) -> Any:
    return getattr(queries, name)(_store, *args, **_thaw(filters))


def read(store: Any, name: str, *args: Any, **kwargs: Any) -> Any:
    """`queries.<name>(store, *args, **kwargs)`, cached for this graph version."""
    return _read(store, version(store), name, args, _filters(kwargs))


def event_filter_ids(store: Any, doc_ids: list[str], text: str) -> set[str] | None:
    """The events a document filter and a text search keep (None: neither is in use)."""
    kept: set[str] | None = None
    if doc_ids:
        kept = read(store, "event_ids_in_documents", sorted(doc_ids))
    if text.strip():
        found = read(store, "event_ids_matching", text.strip())
        kept = found if kept is None else kept & found
    return kept


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _page(_store: Any, key: str, filters: tuple, page: int, page_size: int) -> list[dict]:
    histogram = _read(_store, key, "timeline_histogram", (), filters + (("by", "month"),))
    filters_now = _thaw(filters)
    return queries.timeline_page(_store, page=page, page_size=page_size, histogram=histogram, **filters_now)


def histogram(store: Any, **filters: Any) -> list[dict]:
    """`queries.timeline_histogram` by month, cached."""
    return _read(store, version(store), "timeline_histogram", (), _filters(filters) + (("by", "month"),))


def page(store: Any, page_number: int, page_size: int, **filters: Any) -> list[dict]:
    """One page of the timeline's events (from 0), read with the cached histogram."""
    return _page(store, version(store), _filters(filters), int(page_number), int(page_size))
