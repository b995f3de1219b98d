"""One agreement or initiative: every event that concerns it (signed, ratified, withdrawn…), with sources."""

from __future__ import annotations

import streamlit as st
from policygraph.ui import data, state
from policygraph.ui.charts import timeline_figure
from policygraph.ui.connection import get_store
from policygraph.ui.event_view import render_evidence, render_sources
from policygraph.ui.formatting import actor_name, date_label, event_span, event_title, markdown_escape
from policygraph.ui.i18n import lang, t

PICK = "agreement_pick"
LISTED = 100  # events listed with their sources (each an expander); the chart shows every one

store = get_store()
language = lang()
st.title(t("Agreements and initiatives of US–China climate cooperation"))
notices = st.container()


things = {th["id"]: f"{actor_name(th, language)} · {th['events']}" for th in data.read(store, "things")}
if PICK not in st.session_state:
    wanted = state.initial(state.THING)
    if wanted and wanted not in things:
        state.reject(state.THING, wanted, t("is not an agreement or initiative of the graph"))
        wanted = None
    st.session_state[PICK] = wanted
picked = st.selectbox(
    t("Choose an agreement or initiative"), list(things), key=PICK, index=None, format_func=things.get,
    placeholder=t("Type a name (Chinese or English)"),
)  # fmt: skip
state.publish({state.THING: picked})
with notices:
    state.show_warnings()

if picked:
    thing = data.read(store, "thing_detail", picked)
    if thing is None:
        st.error(t("is not an agreement or initiative of the graph"))
        st.stop()
    st.subheader(actor_name(thing, language))
    facts = [f"{t('kind')}: {thing.get('kind') or '?'}"]
    if thing.get("date"):
        facts.append(f"{t('date')}: {thing['date']}")
    if thing.get("wikidata"):
        facts.append(f"Wikidata [{thing['wikidata']}](https://www.wikidata.org/wiki/{thing['wikidata']})")
    aliases = [a for a in thing["aliases"] if a not in (thing.get("name"), thing.get("name_en"))]
    if aliases:
        facts.append(t("also called") + " " + markdown_escape(", ".join(aliases)))
    st.markdown(" · ".join(facts))
    events = thing["events"]
    st.markdown(f"**{t('Events ({n})').format(n=len(events))}**")
    st.caption(t("Timeline of this agreement: every event that concerns it, oldest first, with its sources."))
    if not events:
        st.info(t("No event concerns it in the graph yet."))
    else:
        first = min(event_span(e)[0] for e in events)
        last = max(event_span(e)[1] for e in events)
        st.plotly_chart(timeline_figure(events, x_range=(first, last), lang=language, tr=t),
                        key="agreement_chart", config={"displaylogo": False})  # fmt: skip
        if len(events) > LISTED:
            st.caption(t("The chart shows all {n} events; the first {m} are listed with their sources.")
                       .format(n=len(events), m=LISTED))  # fmt: skip
        for event in events[:LISTED]:
            header = f"{date_label(event)} · {event.get('type')} · {event_title(event, language)}"
            with st.expander(header, expanded=len(events) <= 3):
                st.page_link("timeline_page.py", label=t("Event detail"), icon=":material/timeline:",
                             query_params={"event": event["id"], "period": "all"})  # fmt: skip
                render_evidence(event["mentions"])
                render_sources(event["sources"])
