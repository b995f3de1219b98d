"""Actor network: who took part in events together; an ego view around one actor; exports of the view.

Drawn (and exported) bounded, whatever the size of the graph: the busiest actors and their
heaviest links, counted by the database (`queries.top_network`), or the centre and its
closest neighbours (`queries.ego_network` with a limit).
"""

from __future__ import annotations

import streamlit as st
from policygraph.graph import exports
from policygraph.ui import data, state
from policygraph.ui.actor_view import render_actor_detail
from policygraph.ui.charts import network_figure, selected_ids
from policygraph.ui.connection import get_store
from policygraph.ui.event_view import name_link
from policygraph.ui.formatting import ACTOR_KINDS, actor_name, event_label, short_name
from policygraph.ui.i18n import lang, t
from policygraph.ui.widgets import period_filter

PICK = "network_actor"  # widget key of the chosen actor: the centre of the ego view
LABEL_TOP = 15
TOP_ACTORS, TOP_LINKS = 150, 400  # the whole network's view: busiest actors, heaviest links between them
EGO_ACTORS = 80  # the ego view: the centre and its closest neighbours
EVENTS_PER_LINK = 20  # shared events named per link (hover, table); the count is always whole
ACTOR_EVENTS = 500  # the newest events listed under the centre's detail
EXPORT_LABELS = {
    "gexf": ("GEXF (Gephi)", "application/xml"),
    "graphml": ("GraphML", "application/xml"),
    "csv": ("CSV (events)", "text/csv"),
    "json": ("JSON (events)", "application/json"),
    "timelinejs": ("TimelineJS", "application/json"),
}

store = get_store()
language = lang()
st.title(t("Actor network"))
st.caption(
    t("Two actors are linked when they took part in the same event; the thicker the line, the more events.")
)
notices = st.container()


actors = {a["id"]: actor_name(a, language) for a in data.read(store, "actors")}  # busiest first
with st.sidebar:
    st.header(t("Filters"))
    start, end, period_label, period_value = period_filter(store, "network")
    if "network_kinds" not in st.session_state:
        wanted = state.initial(state.KINDS)
        if [k for k in wanted if k not in ACTOR_KINDS]:
            state.reject(state.KINDS, ",".join(wanted), "names an unknown actor kind")
        st.session_state["network_kinds"] = [k for k in wanted if k in ACTOR_KINDS]
    kinds = st.multiselect(
        t("Actor kind"), ACTOR_KINDS, key="network_kinds", placeholder=t("all kinds"), format_func=t
    )  # fmt: skip
    state.seed(state.MIN_WEIGHT, "network_min")
    min_weight = st.slider(t("Minimum shared events per link"), 1, 10, key="network_min")
    if PICK not in st.session_state:
        wanted = state.initial(state.ACTOR)
        if wanted and wanted not in actors:
            state.reject(state.ACTOR, wanted, t("is not an actor of the graph"))
            wanted = None
        st.session_state[PICK] = wanted
    centre = st.selectbox(
        t("Centre on an actor (ego view)"), list(actors), key=PICK, index=None, format_func=actors.get,
        placeholder=t("whole network"),
        help=t("The actor and its neighbours within the chosen number of links."),
    )  # fmt: skip
    state.seed(state.HOPS, "network_hops")
    hops = st.radio(
        t("Links from the centre"), [1, 2], key="network_hops", horizontal=True, disabled=not centre
    )

state.publish({
    state.PERIOD: period_value, state.KINDS: kinds, state.MIN_WEIGHT: min_weight, state.ACTOR: centre,
    state.HOPS: hops,
})  # fmt: skip
with notices:
    state.show_warnings()

view = {
    "kinds": kinds or None, "min_weight": min_weight, "centre": centre, "hops": hops,
    "limit": EGO_ACTORS if centre else TOP_ACTORS, "links": TOP_LINKS,
}  # fmt: skip
shown = {"start": start, "end": end, "kinds": kinds or None, "min_weight": min_weight, "links": TOP_LINKS}
if centre:
    network = data.read(store, "ego_network", centre, hops=hops, limit=EGO_ACTORS, **shown)
else:
    network = data.read(store, "top_network", actors=TOP_ACTORS, **shown)
most = EGO_ACTORS if centre else TOP_ACTORS
linked = {e["source"] for e in network["edges"]} | {e["target"] for e in network["edges"]}
summary = t("**{n} actors**, {m} links · {period}").format(
    n=len(network["nodes"]), m=len(network["edges"]), period=period_label
)
if centre:
    summary += t(" · centred on {name}, {hops} link(s)").format(name=actors.get(centre, centre), hops=hops)
elif network["nodes"]:
    summary += t(" · {n} without a link at this threshold (not drawn)").format(
        n=len(network["nodes"]) - len(linked)
    )
st.markdown(summary)
if len(network["nodes"]) >= most or len(network["edges"]) >= TOP_LINKS:
    st.caption(t(
        "A bounded view: at most {actors} actors (the busiest, or the closest to the centre) and the "
        "{links} heaviest links between them are drawn and exported. Narrow the period, the kinds or the "
        "centre to see the others."
    ).format(actors=most, links=TOP_LINKS))  # fmt: skip

names = {n["id"]: short_name(n, language) for n in network["nodes"]}
if network["nodes"]:

    def pick_node() -> None:
        chosen = [i for i in selected_ids(st.session_state.get("network_chart")) if i in names]
        if chosen:
            st.session_state[PICK] = chosen[0]

    shared_ids = sorted({i for e in network["edges"] for i in e["event_ids"][:EVENTS_PER_LINK]})
    titles = data.read(store, "event_titles", shared_ids)
    event_names = {i: event_label(row, language) for i, row in titles.items()}
    st.plotly_chart(
        network_figure(
            network, label_top=LABEL_TOP, lang=language, tr=t, event_names=event_names, centre=centre
        ),
        key="network_chart", on_select=pick_node, selection_mode="points", config={"displaylogo": False},
    )  # fmt: skip
    st.caption(
        t("Only the {n} busiest actors are labelled; hover over a node for its name.").format(n=LABEL_TOP)
    )
    if centre and network["edges"]:
        with st.expander(t("Links and their shared events"), expanded=False):
            st.dataframe(
                [{"from": names[e["source"]], "to": names[e["target"]], "shared": e["weight"],
                  "events": "; ".join(event_names.get(i, i) for i in e["event_ids"][:EVENTS_PER_LINK])
                  + (f"; … (+{e['weight'] - EVENTS_PER_LINK})" if e["weight"] > EVENTS_PER_LINK else "")}
                 for e in network["edges"]],
                hide_index=True, width="stretch",
                column_config={
                    "from": t("from"), "to": t("to"), "shared": t("shared events"), "events": t("events"),
                },
            )  # fmt: skip
else:
    st.info(t("No actor took part in an event in this period with these filters."))

st.subheader(t("Export this view"))
st.caption(t(
    "GEXF and GraphML hold the actor network of this view with link weights (open them in Gephi); CSV and "
    "JSON the events of this view with participants and sources; TimelineJS a timeline file where month "
    "and year dates stay as such."
))  # fmt: skip
slug = "_".join(
    part for part in (f"{start or 'start'}_{end or 'end'}", centre and centre.replace(":", "-"),
                      centre and f"{hops}hop", "-".join(kinds), min_weight > 1 and f"min{min_weight}") if part
)  # fmt: skip
columns = st.columns(len(exports.FORMATS))
for column, fmt in zip(columns, exports.FORMATS, strict=True):
    label, mime = EXPORT_LABELS.get(fmt, (fmt, "application/octet-stream"))
    suffix = "json" if fmt == "timelinejs" else fmt
    column.download_button(
        label, data=lambda fmt=fmt: exports.render(store, fmt, start=start, end=end, **view),
        file_name=f"policygraph_{fmt}_{slug}.{suffix}", mime=mime, key=f"export_{fmt}",
        on_click="ignore", width="stretch",
    )  # fmt: skip

if centre:
    detail = data.read(store, "actor_detail", centre, event_limit=ACTOR_EVENTS)
    st.divider()
    if detail is None:
        st.error(t("This actor is not in the graph."))
    else:
        name_link("actor_page.py", "actor", centre, t("Open the actor page"))
        render_actor_detail(detail, actors, data.read(store, "office_titles"))
