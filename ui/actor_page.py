"""One actor: who it is, offices held by date, its events, who it acted with, and its ego network."""

from __future__ import annotations

import streamlit as st
from policygraph.ui import data, state
from policygraph.ui.actor_view import render_actor_detail
from policygraph.ui.charts import network_figure, selected_ids
from policygraph.ui.connection import get_store
from policygraph.ui.formatting import actor_name, event_label
from policygraph.ui.i18n import lang, t

PICK = "actor_pick"
ACTOR_EVENTS = 500  # the newest events listed; the count above the list is always whole
CO_ACTORS = 200  # co-actors listed, most shared events first
EGO_ACTORS, EGO_LINKS = 40, 300  # the ego network drawn: the actor and its closest neighbours

store = get_store()
language = lang()
st.title(t("Actor"))
notices = st.container()


actors = {a["id"]: actor_name(a, language) for a in data.read(store, "actors")}
if PICK not in st.session_state:
    wanted = state.initial(state.ACTOR)
    if wanted and wanted not in actors:
        state.reject(state.ACTOR, wanted, t("is not an actor of the graph"))
        wanted = None
    st.session_state[PICK] = wanted


def pick_node() -> None:
    chosen = [i for i in selected_ids(st.session_state.get("actor_ego_chart")) if i in actors]
    if chosen:
        st.session_state[PICK] = chosen[0]


picked = st.selectbox(
    t("Choose an actor"), list(actors), key=PICK, index=None, format_func=actors.get,
    placeholder=t("Type a name (Chinese or English)"),
)  # fmt: skip
state.publish({state.ACTOR: picked})
with notices:
    state.show_warnings()

if picked:
    detail = data.read(store, "actor_detail", picked, event_limit=ACTOR_EVENTS)
    if detail is None:
        st.error(t("This actor is not in the graph."))
        st.stop()
    links = st.columns(2)
    links[0].page_link("timeline_page.py", label=t("Show this actor on the timeline"),
                       icon=":material/timeline:", query_params={"actors": picked})  # fmt: skip
    links[1].page_link("network_page.py", label=t("Show this actor's ego network"), icon=":material/hub:",
                       query_params={"actor": picked})  # fmt: skip
    render_actor_detail(detail, actors, data.read(store, "office_titles"))

    st.subheader(t("Co-actors"))
    st.caption(t("Actors who took part in the same events, most shared events first."))
    partners = data.read(store, "co_actors", picked, limit=CO_ACTORS)
    if partners:
        st.dataframe(
            [{"name": actor_name(p, language), "kind": p["kind"], "shared": p["shared"], "id": p["id"]}
             for p in partners],
            hide_index=True, width="stretch", height=min(420, 36 * (len(partners) + 1) + 4),
            column_config={"name": t("Actor"), "kind": t("kind"), "shared": t("shared events")},
        )  # fmt: skip

    st.subheader(t("Ego network"))
    ego = data.read(store, "ego_network", picked, hops=1, limit=EGO_ACTORS, links=EGO_LINKS)
    if ego["edges"]:
        shared = sorted({i for e in ego["edges"] for i in e["event_ids"][:8]})  # the hover names 8 per link
        titles = data.read(store, "event_titles", shared)
        names = {i: event_label(row, language) for i, row in titles.items()}
        st.plotly_chart(
            network_figure(ego, lang=language, tr=t, event_names=names, centre=picked, label_top=15),
            key="actor_ego_chart", on_select=pick_node, selection_mode="points",
            config={"displaylogo": False},
        )  # fmt: skip
