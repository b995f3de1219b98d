"""Actor network: who took part in events together, for a period; exports for Gephi and TimelineJS."""

from __future__ import annotations

import streamlit as st
from policygraph.graph import exports, queries
from policygraph.ui.actor_view import render_actor_detail
from policygraph.ui.charts import network_figure, selected_ids
from policygraph.ui.connection import get_store
from policygraph.ui.formatting import ACTOR_KINDS, actor_name
from policygraph.ui.widgets import period_filter

PICK = "network_actor"
EXPORT_LABELS = {
    "gexf": ("GEXF (Gephi)", "application/xml"),
    "graphml": ("GraphML", "application/xml"),
    "csv": ("CSV (events)", "text/csv"),
    "json": ("JSON (events)", "application/json"),
    "timelinejs": ("TimelineJS", "application/json"),
}

store = get_store()
st.title("Actor network")
st.caption(
    "Two actors are linked when they took part in the same event; the thicker the line, the more events."
)

with st.sidebar:
    st.header("Filters")
    start, end, period_label = period_filter(store, "network")
    kinds = st.multiselect("Actor kind", ACTOR_KINDS, placeholder="all kinds")
    min_weight = st.slider("Minimum shared events per link", 1, 10, 1)

network = queries.actor_network(store, start=start, end=end, kinds=kinds or None, min_weight=min_weight)
linked = {e["source"] for e in network["edges"]} | {e["target"] for e in network["edges"]}
st.markdown(
    f"**{len(network['nodes'])} actors**, {len(network['edges'])} links · {period_label}"
    + (
        f" · {len(network['nodes']) - len(linked)} without a link at this threshold (not drawn)"
        if network["nodes"]
        else ""
    )
)

if network["nodes"]:
    names = {n["id"]: actor_name(n) for n in network["nodes"]}

    def pick_node() -> None:
        chosen = [i for i in selected_ids(st.session_state.get("network_chart")) if i in names]
        if chosen:
            st.session_state[PICK] = chosen[0]

    st.plotly_chart(
        network_figure(network), key="network_chart", on_select=pick_node, selection_mode="points",
        config={"displaylogo": False},
    )  # fmt: skip
    if st.session_state.get(PICK) not in names:
        st.session_state.pop(PICK, None)
    events_of = {n["id"]: int(n.get("events", 0)) for n in network["nodes"]}
    ranked = sorted(names, key=lambda i: (-events_of[i], names[i]))  # busiest actors first
    picked = st.selectbox(
        "Actor shown below", ranked, key=PICK, index=None, format_func=names.get,
        placeholder="Click a node, or choose here",
    )  # fmt: skip
else:
    st.info("No actor took part in an event in this period with these filters.")
    picked = None

st.subheader("Export this period")
st.caption(
    "GEXF and GraphML hold the actor network with link weights (open them in Gephi); CSV and JSON the events "
    "with participants and sources; TimelineJS a timeline file where month and year dates stay as such."
)
columns = st.columns(len(exports.FORMATS))
for column, fmt in zip(columns, exports.FORMATS, strict=True):
    label, mime = EXPORT_LABELS.get(fmt, (fmt, "application/octet-stream"))
    suffix = "json" if fmt == "timelinejs" else fmt
    period_slug = f"{start or 'start'}_{end or 'end'}"
    column.download_button(
        label, data=lambda fmt=fmt: exports.render(store, fmt, start=start, end=end),
        file_name=f"policygraph_{fmt}_{period_slug}.{suffix}", mime=mime, key=f"export_{fmt}",
        on_click="ignore", width="stretch",
    )  # fmt: skip

if picked:
    detail = queries.actor_detail(store, picked)
    st.divider()
    if detail is None:
        st.error("This actor is no longer in the graph.")
    else:
        render_actor_detail(detail)
