"""Timeline: every event once, plotted and listed, with its sources one click away.

The page asks the database only for what it shows: the events per month and type first (one
aggregation), then the events themselves when they are few enough to draw one by one
(DETAIL_LIMIT), else the counts as bars and one page of the table at a time.
"""

from __future__ import annotations

import math
from datetime import date

import streamlit as st
from policygraph.graph import queries
from policygraph.ui import data, state
from policygraph.ui.charts import selected_ids, timeline_figure, timeline_overview_figure
from policygraph.ui.connection import get_store
from policygraph.ui.event_view import render_event_detail
from policygraph.ui.formatting import (
    EVENT_TYPES,
    actor_name,
    date_label,
    event_rows,
    event_title,
)
from policygraph.ui.i18n import lang, t
from policygraph.ui.periods import load_periods
from policygraph.ui.widgets import CUSTOM, event_date_bounds, period_filter

DETAIL_LIMIT = 500  # events drawn one by one at most; above, the chart shows counts per month
PAGE_SIZE = 100  # rows of the table per page when the events are not drawn one by one
PICK = "timeline_event"  # widget key of the event whose detail is shown
PAGE_KEY = "timeline_page"
ORIGINS = {
    "all": "curated and extracted",
    "curated": "curated milestones only",
    "extracted": "extracted only",
}

store = get_store()
language = lang()

st.title(t("Timeline of US–China climate diplomacy"))
st.caption(t(
    "Each event appears once, however many documents mention it. Dates keep the precision of the "
    "sources: a month (2016-09) or a year stays a month or a year."
))  # fmt: skip
notices = st.container()


def actor_choices(language: str) -> dict[str, str]:
    return {a["id"]: actor_name(a, language) for a in sorted(data.read(store, "actors"), key=actor_name)}


def document_choices() -> dict[str, str]:
    return {d["id"]: d.get("title") or d["id"] for d in data.read(store, "document_titles")}


def known_only(param: state.Param, widget_key: str, known: dict | tuple) -> None:
    """Seed a multiselect from the address, refusing (with a warning) values it does not know."""
    if widget_key in st.session_state:
        return
    values = state.initial(param)
    unknown = [v for v in values if v not in known]
    if unknown:
        state.reject(param, ",".join(unknown), "names nothing known here")
    st.session_state[widget_key] = [v for v in values if v in known]


with st.sidebar:
    st.header(t("Filters"))
    start, end, period_label, period_value = period_filter(store, "timeline")
    known_only(state.TYPES, "timeline_types", EVENT_TYPES)
    chosen_types = st.multiselect(
        t("Event type"), EVENT_TYPES, key="timeline_types", placeholder=t("all types")
    )
    actors = actor_choices(language)
    known_only(state.ACTORS, "timeline_actors", actors)
    chosen_actors = st.multiselect(
        t("Actor"), list(actors), format_func=actors.get, placeholder=t("any actor"), key="timeline_actors",
        help=t("Events in which at least one of these actors took part."),
    )  # fmt: skip
    state.seed(state.ORIGIN, "timeline_origin")
    origin = st.radio(t("Origin"), list(ORIGINS), key="timeline_origin", format_func=lambda o: t(ORIGINS[o]))
    documents = document_choices()
    known_only(state.DOCS, "timeline_docs", documents)
    chosen_docs = st.multiselect(
        t("Document"), list(documents), format_func=documents.get, key="timeline_docs",
        placeholder=t("any document"), help=t("Events that a sentence of one of these documents states."),
    )  # fmt: skip
    state.seed(state.SEARCH, "timeline_search")
    search = st.text_input(t("Search titles and names"), key="timeline_search",
                           placeholder=t("e.g. 巴黎协定, Kerry, 杭州"))  # fmt: skip

filters = {
    "start": start, "end": end, "actor_ids": chosen_actors or None, "types": chosen_types or None,
    "origin": None if origin == "all" else origin,
    "event_ids": data.event_filter_ids(store, chosen_docs, search),
}  # fmt: skip
histogram = data.histogram(store, **filters)
total = sum(row["n"] for row in histogram)
detailed = total <= DETAIL_LIMIT  # few enough to draw every event as a point
pages = max(1, math.ceil(total / PAGE_SIZE))
page_number = 1
if detailed:
    events = data.read(store, "timeline", limit=DETAIL_LIMIT, **filters) if total else []
    listed = events
else:
    # The page of the table: from the address (once), reset when the filters change.
    signature = repr(sorted((k, repr(v)) for k, v in filters.items()))
    if st.session_state.get("timeline_signature") not in (None, signature):
        st.session_state[PAGE_KEY] = 1
    st.session_state["timeline_signature"] = signature
    if PAGE_KEY not in st.session_state:
        wanted = state.initial(state.PAGE)
        if wanted > pages:
            state.reject(state.PAGE, str(wanted), t("is past the last page of this view"))
            wanted = 1
        st.session_state[PAGE_KEY] = wanted
    st.session_state[PAGE_KEY] = min(max(1, int(st.session_state[PAGE_KEY])), pages)
    page_number = st.session_state[PAGE_KEY]
    events = []
    listed = data.page(store, page_number - 1, PAGE_SIZE, **filters)
by_id = {e["id"]: e for e in listed}

# The open event: the picker's state, else the address, else this session's last choice.
if PICK not in st.session_state:
    wanted = state.initial(state.EVENT)
    if wanted and wanted not in by_id and queries.event_detail(store, wanted) is None:
        state.reject(state.EVENT, wanted, t("is not an event of this view"))
        wanted = None
    st.session_state[PICK] = wanted
picked_id = st.session_state.get(PICK)
ids = [e["id"] for e in listed]
options = ids if picked_id is None or picked_id in by_id else [picked_id, *ids]  # a linked event stays open

state.publish({
    state.PERIOD: period_value, state.TYPES: chosen_types, state.ACTORS: chosen_actors, state.ORIGIN: origin,
    state.DOCS: chosen_docs, state.SEARCH: search, state.EVENT: picked_id, state.PAGE: page_number,
})  # fmt: skip
with notices:
    state.show_warnings()

if detailed:
    documents_seen = {d for e in events for d in (e.get("docs") or [])}
    conflicts = sum(1 for e in events if e.get("date_conflict"))
    st.markdown(
        t("**{n} events** · {period} · from {docs} document(s) and the curated list").format(
            n=len(events), period=period_label, docs=len(documents_seen))
        + (t(" · ⚠ {n} with a date conflict").format(n=conflicts) if conflicts else "")
    )  # fmt: skip
else:
    st.markdown(t("**{n} events** · {period}").format(n=f"{total:,}", period=period_label))
    st.caption(t(
        "More than {limit} events: the chart shows how many fall in each month, by type. Click a bar, "
        "or narrow the period or the filters, to see the events one by one."
    ).format(limit=DETAIL_LIMIT))  # fmt: skip


def zoom_to_bar() -> None:
    """A bar of the overview: narrow the period to its month."""
    chosen = selected_ids(st.session_state.get("timeline_overview"))
    if not chosen:
        return
    first = date.fromisoformat(chosen[0])
    last = queries.bucket_span(first.year, first.month)[1]
    st.session_state["timeline_range"] = (first, last)
    st.session_state["timeline_preset"] = CUSTOM
    st.session_state[PAGE_KEY] = 1


def pick_from(widget_key: str, rows: bool = False) -> None:
    """Make the newest selection (chart point or table row) the event shown beside the chart."""
    widget_state = st.session_state.get(widget_key)
    if rows:
        chosen = [ids[i] for i in (widget_state or {}).get("selection", {}).get("rows", []) if i < len(ids)]
    else:
        chosen = [i for i in selected_ids(widget_state) if i in by_id]
    if chosen:
        st.session_state[PICK] = chosen[0]


def shown_range() -> tuple[date, date]:
    """The dates the chart shows: the chosen period, or every date of the graph."""
    if start and end:
        return date.fromisoformat(start), date.fromisoformat(end)
    return event_date_bounds(store)


TABLE_COLUMNS = {
    "date": st.column_config.TextColumn(t("date"), help=t("At the precision of the sources"), width=170),
    "precision": st.column_config.TextColumn(t("precision")),
    "type": st.column_config.TextColumn(t("type")),
    "title": st.column_config.TextColumn(t("title"), width="large"),
    "title_other": st.column_config.TextColumn(t("title (other language)"), width="large"),
    "actors": st.column_config.TextColumn(t("actors")),
    "mentions": st.column_config.NumberColumn(t("mentions"), help=t("Sentences that state this event")),
    "origin": st.column_config.TextColumn(t("origin")),
    "date conflict": st.column_config.TextColumn(t("date conflict")),
}

chart_column, detail_column = st.columns([5, 3], gap="medium")
with chart_column:
    if not total:
        st.info(t("No event matches these filters. Widen the period or clear a filter in the sidebar."))
    else:
        if detailed:
            st.plotly_chart(
                timeline_figure(events, bands=load_periods(), x_range=shown_range(), lang=language, tr=t),
                key="timeline_chart", on_select=lambda: pick_from("timeline_chart"), selection_mode="points",
                config={"displaylogo": False},
            )  # fmt: skip
        else:
            st.plotly_chart(
                timeline_overview_figure(
                    histogram, bands=load_periods(), x_range=shown_range(), lang=language, tr=t
                ),
                key="timeline_overview", on_select=zoom_to_bar, selection_mode="points",
                config={"displaylogo": False},
            )  # fmt: skip
            st.number_input(
                t("Page of the list ({pages} pages of {size})").format(pages=f"{pages:,}", size=PAGE_SIZE),
                min_value=1, max_value=pages, step=1, key=PAGE_KEY,
            )  # fmt: skip
            first_row = (page_number - 1) * PAGE_SIZE + 1
            st.caption(t("Events {first}–{last} of {n}, in date order.").format(
                first=f"{first_row:,}", last=f"{first_row + len(listed) - 1:,}", n=f"{total:,}"))  # fmt: skip
        st.dataframe(
            event_rows(listed, language), key="timeline_table",
            on_select=lambda: pick_from("timeline_table", rows=True), selection_mode="single-row",
            hide_index=True, width="stretch", height=min(640, 36 * (len(listed) + 1) + 4),
            column_config=TABLE_COLUMNS,
        )  # fmt: skip

with detail_column:

    def option_label(event_id: str) -> str:
        event = by_id.get(event_id)
        if event is None:
            return event_id
        return f"{date_label(event)} · {event_title(event, language)}"

    picked = st.selectbox(
        t("Event detail"), options, key=PICK, index=None,
        placeholder=t("Click a point or a row, or choose here"),
        format_func=option_label,
    )  # fmt: skip
    if not picked:
        st.caption(t("Click a point of the chart or a row of the list for its sources."))
    else:
        detail = data.read(store, "event_detail", picked)
        if detail is None:
            st.error(t("This event is no longer in the graph (it may have been re-ingested). Pick it again."))
        else:
            with st.container(border=True):
                render_event_detail(detail, roles=data.read(store, "office_titles"))
