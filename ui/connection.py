"""The one graph store of this Streamlit process, and how store failures reach the user."""

from __future__ import annotations

from typing import Any

import streamlit as st

UNREACHABLE = "{reason} The UI reads the graph that `policygraph serve` runs: start the UI with that command."


@st.cache_resource(show_spinner="Connecting to the graph database…")
def _open_store() -> Any:
    # open_store() finds the server `policygraph serve` keeps alive through its discovery file
    # (POLICYGRAPH_DATA_DIR/server.json), or NEO4J_URI. One connection serves every session.
    # The UI never starts a database of its own: it would show an empty graph that dies with
    # whichever Streamlit process happened to start it.
    import policygraph.graph

    return policygraph.graph.open_store(start_embedded=False)


def get_store() -> Any:
    """The store, or a clear error on the page and the end of this run."""
    try:
        from policygraph.graph import StoreError
    except ImportError as err:  # the graph package is missing or broken: nothing to show
        st.error(UNREACHABLE.format(reason=f"The graph package cannot be loaded ({err})."))
        st.stop()
    try:
        return _open_store()
    except StoreError as err:
        st.error(UNREACHABLE.format(reason=str(err)))
        st.stop()


def forget_store() -> None:
    """Drop the cached connection so the next run reconnects (the server may have restarted)."""
    _open_store.clear()
