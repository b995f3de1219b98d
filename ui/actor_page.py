"""One actor: who it is, offices held by date, its events, who it acted with, and its ego network."""

from __future__ import annotations

import streamlit as st
from policygraph.graph import queries
from policygraph.ui import state
from policygraph.ui.actor_view import render_actor_detail
from policygraph.ui.charts import network_figure, selected_ids
from policygraph.ui.connection import get_store
from policygraph.ui.formatting import actor_name, event_label
from policygraph.ui.i18n import lang, t

PICK = "actor_pick"

store = get_store()
language = lang()
st.title(t("Actor"))
notices = st.container()


@st.cache_data(ttl=60, show_spinner=False)
def actor_choices(_store, language: str) -> dict[str, str]:
    return {a["id"]: actor_name(a, language) for a in queries.actors(_store)}


actors = actor_choices(store, language)
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
    detail = queries.actor_detail(store, picked)
    if detail is None:
        st.error(t("This actor is not in the graph."))
        st.stop()
    links = st.columns(2)
    links[0].page_link("timeline_page.py", label=t("Show this actor on the timeline"),
                       icon=":material/timeline:", query_params={"actors": picked})  # fmt: skip
    links[1].page_link("network_page.py", label=t("Show this actor's ego network"), icon=":material/hub:",
                       query_params={"actor": picked})  # fmt: skip
    render_actor_detail(detail, actors)

    st.subheader(t("Co-actors"))
    st.caption(t("Actors who took part in the same events, most shared events first."))
    partners = queries.co_actors(store, picked)
    if partners:
        st.dataframe(
            [{"name": actor_name(p, language), "kind": p["kind"], "shared": p["shared"], "id": p["id"]}
             for p in partners],
            hide_index=True, width="stretch", height=min(420, 36 * (len(partners) + 1) + 4),
            column_config={"name": t("Actor"), "kind": t("kind"), "shared": t("shared events")},
        )  # fmt: skip

    st.subheader(t("Ego network"))
    ego = queries.ego_network(store, picked, hops=1)
    if ego["edges"]:
        titles = queries.event_titles(store, sorted({i for e in ego["edges"] for i in e["event_ids"]}))
        names = {i: event_label(row, language) for i, row in titles.items()}
        st.plotly_chart(
            network_figure(ego, lang=language, tr=t, event_names=names, centre=picked, label_top=15),
            key="actor_ego_chart", on_select=pick_node, selection_mode="points",
            config={"displaylogo": False},
        )  # fmt: skip
