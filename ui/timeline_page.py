"""Timeline: every event once, plotted and listed, with its sources one click away."""

from __future__ import annotations

import streamlit as st
from policygraph.graph import queries
from policygraph.ui.charts import selected_ids, timeline_figure
from policygraph.ui.connection import get_store
from policygraph.ui.event_view import render_event_detail
from policygraph.ui.formatting import EVENT_TYPES, actor_name, date_label, event_rows, matches_text
from policygraph.ui.periods import load_periods
from policygraph.ui.widgets import period_filter

PICK = "timeline_event"  # session key of the event whose detail is shown
ORIGINS = {"curated and extracted": None, "curated milestones only": "curated", "extracted only": "extracted"}

store = get_store()

st.title("Timeline of US–China climate diplomacy")
st.caption(
    "Each event appears once, however many documents mention it. Dates keep the precision of the "
    "sources: a month (2016-09) or a year stays a month or a year."
)


@st.cache_data(ttl=60, show_spinner=False)
def actor_choices(_store) -> dict[str, str]:
    return {a["id"]: actor_name(a) for a in sorted(queries.actors(_store), key=actor_name)}


with st.sidebar:
    st.header("Filters")
    start, end, period_label = period_filter(store, "timeline")
    chosen_types = st.multiselect("Event type", EVENT_TYPES, placeholder="all types")
    actors = actor_choices(store)
    chosen_actors = st.multiselect(
        "Actor", list(actors), format_func=actors.get, placeholder="any actor",
        help="Events in which at least one of these actors took part.",
    )  # fmt: skip
    origin_label = st.radio("Origin", list(ORIGINS), key="timeline_origin")
    search = st.text_input("Search titles and names", placeholder="e.g. 巴黎协定, Kerry, 杭州")

events = queries.timeline(
    store, start=start, end=end, actor_ids=chosen_actors or None, types=chosen_types or None,
    origin=ORIGINS[origin_label], limit=2000,
)  # fmt: skip
events = sorted((e for e in events if matches_text(e, search)), key=lambda e: (e["date_start"], e["id"]))

documents = {d for e in events for d in (e.get("docs") or [])}
conflicts = sum(1 for e in events if e.get("date_conflict"))
st.markdown(
    f"**{len(events)} events** · {period_label} · from {len(documents)} document(s) and the curated list"
    + (f" · ⚠ {conflicts} with a date conflict" if conflicts else "")
)
if not events:
    st.info("No event matches these filters. Widen the period or clear a filter in the sidebar.")
    st.stop()

ids = [e["id"] for e in events]
by_id = {e["id"]: e for e in events}


def pick_from(widget_key: str, rows: bool = False) -> None:
    """Make the newest selection (chart point or table row) the event shown below."""
    state = st.session_state.get(widget_key)
    if rows:
        chosen = [ids[i] for i in (state or {}).get("selection", {}).get("rows", []) if i < len(ids)]
    else:
        chosen = [i for i in selected_ids(state) if i in by_id]
    if chosen:
        st.session_state[PICK] = chosen[0]


st.plotly_chart(
    timeline_figure(events, bands=load_periods()), key="timeline_chart", on_select=lambda: pick_from(
        "timeline_chart"), selection_mode="points", config={"displaylogo": False},
)  # fmt: skip
st.caption("● exact day · ■ month only (bar: the whole month) · ◆ year only. Click a point for its sources.")

list_column, detail_column = st.columns([3, 2], gap="medium")
with list_column:
    st.dataframe(
        event_rows(events), key="timeline_table", on_select=lambda: pick_from("timeline_table", rows=True),
        selection_mode="single-row", hide_index=True, width="stretch",
        height=min(640, 36 * (len(events) + 1) + 4),
        column_config={
            "date": st.column_config.TextColumn("date", help="At the precision of the sources", width=170),
            "title": st.column_config.TextColumn("title", width="large"),
            "title_en": st.column_config.TextColumn("title (en)", width="large"),
            "mentions": st.column_config.NumberColumn("mentions", help="Sentences that state this event"),
        },
    )  # fmt: skip

with detail_column:
    if st.session_state.get(PICK) not in by_id:
        st.session_state.pop(PICK, None)
    picked = st.selectbox(
        "Event detail", ids, key=PICK, index=None, placeholder="Click a point or a row, or choose here",
        format_func=lambda i: f"{date_label(by_id[i])} · {by_id[i].get('title') or by_id[i].get('title_en')}",
    )  # fmt: skip
    if picked:
        detail = queries.event_detail(store, picked)
        if detail is None:
            st.error("This event is no longer in the graph (it may have been re-ingested). Pick it again.")
        else:
            st.divider()
            render_event_detail(detail)
