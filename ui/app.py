"""policygraph's Streamlit app: `policygraph serve` runs `streamlit run` on this file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st
from PIL import Image, ImageDraw
from policygraph.ui import state
from policygraph.ui.connection import UNREACHABLE, forget_store
from policygraph.ui.i18n import LANGUAGES, t

# The page scripts sit beside this file, not in a `pages/` folder: Streamlit treats a `pages/`
# folder next to the main script as the old multipage layout and ignores st.navigation's URLs.
HERE = Path(__file__).parent
LANG_KEY = "lang_choice"


@cache
def favicon() -> Image.Image:
    """Drawn here rather than named as an icon: Streamlit fetches icon and emoji favicons from a
    CDN, and the UI must not leave the machine."""
    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((2, 2, 62, 62), fill=(31, 78, 121, 255))
    draw.line((12, 40, 26, 26, 38, 34, 52, 18), fill=(217, 130, 43, 255), width=6)
    return image


st.set_page_config(page_title="policygraph — US–China climate diplomacy", page_icon=favicon(), layout="wide")

# The language first: the page titles of the navigation are written in it.
if LANG_KEY not in st.session_state:
    st.session_state[LANG_KEY] = state.initial(state.LANG)
st.session_state.setdefault(state.SHARED, {})[state.LANG.name] = st.session_state[LANG_KEY]

PAGES = [
    st.Page(HERE / "timeline_page.py", title=t("Timeline"), icon=":material/timeline:", default=True),
    st.Page(HERE / "network_page.py", title=t("Actor network"), icon=":material/hub:", url_path="network"),
    st.Page(HERE / "actor_page.py", title=t("Actor"), icon=":material/person:", url_path="actor"),
    st.Page(
        HERE / "agreement_page.py", title=t("Agreement"), icon=":material/handshake:", url_path="agreement"
    ),
    st.Page(HERE / "upload_page.py", title=t("Add documents"), icon=":material/upload_file:", url_path="add"),
    st.Page(
        HERE / "console_page.py", title=t("Cypher console"), icon=":material/terminal:", url_path="console"
    ),
    st.Page(HERE / "about_page.py", title=t("About the data"), icon=":material/info:", url_path="about"),
]
page = st.navigation(PAGES)


def relabel() -> None:
    """Forget the widgets' state when the language changes: a widget keeps the labels of its first
    drawing, so each one is drawn anew in the new language, from the view the address holds."""
    for key in list(st.session_state):
        if key != LANG_KEY and not str(key).startswith("_pg_"):
            del st.session_state[key]


with st.sidebar:
    st.segmented_control(
        t("Language"), list(LANGUAGES), key=LANG_KEY, format_func=LANGUAGES.get, required=True,
        on_change=relabel,
    )  # fmt: skip
try:
    page.run()
except Exception as err:  # noqa: BLE001 — the user sees one sentence, never a traceback
    from policygraph.graph import QueryError, StoreError

    if isinstance(err, QueryError):  # a named query failed: the connection itself is fine
        st.error(f"{t('This page could not read the graph.')} {err}")
    elif isinstance(err, StoreError):
        forget_store()  # the server may have restarted: reconnect on the next run
        st.error(UNREACHABLE.format(reason=str(err)))
    else:
        raise
