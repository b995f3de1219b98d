"""policygraph's Streamlit app: `policygraph serve` runs `streamlit run` on this file."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from policygraph.ui.connection import UNREACHABLE, forget_store

# The page scripts sit beside this file, not in a `pages/` folder: Streamlit treats a `pages/`
# folder next to the main script as the old multipage layout and ignores st.navigation's URLs.
HERE = Path(__file__).parent
PAGES = [
    st.Page(HERE / "timeline_page.py", title="Timeline", icon=":material/timeline:", default=True),
    st.Page(HERE / "network_page.py", title="Actor network", icon=":material/hub:", url_path="network"),
    st.Page(HERE / "console_page.py", title="Cypher console", icon=":material/terminal:", url_path="console"),
    st.Page(HERE / "about_page.py", title="About the data", icon=":material/info:", url_path="about"),
]

st.set_page_config(
    page_title="policygraph — US–China climate diplomacy", page_icon=":material/timeline:", layout="wide"
)
page = st.navigation(PAGES)
try:
    page.run()
except Exception as err:  # noqa: BLE001 — the user sees one sentence, never a traceback
    from policygraph.graph import QueryError, StoreError

    if isinstance(err, QueryError):  # a named query failed: the connection itself is fine
        st.error(f"This page could not read the graph. {err}")
    elif isinstance(err, StoreError):
        forget_store()  # the server may have restarted: reconnect on the next run
        st.error(UNREACHABLE.format(reason=str(err)))
    else:
        raise
