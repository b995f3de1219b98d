"""About: what is in the graph, where it comes from, and how it is modelled."""

from __future__ import annotations

import streamlit as st
from policygraph.ui import data, state
from policygraph.ui.connection import get_store
from policygraph.ui.formatting import table_cell
from policygraph.ui.periods import load_periods

store = get_store()
state.publish({})  # the address keeps the language only
st.title("About the data")
st.markdown(
    "policygraph reads Chinese policy texts on US–China climate cooperation and builds a timeline of policy "
    "events and a network of the actors who took part in them. Two kinds of events meet in one graph:\n"
    "- **extracted** events, found sentence by sentence in the bundled documents; every one keeps the "
    "sentence that states it (document and character offsets);\n"
    "- **curated** milestones from 2008 to the Xi–Biden meeting in San Francisco on 15 November 2023, each "
    "with the URL of an official text or a reputable report, so that the timeline is complete where the "
    "documents are silent.\n\n"
    "A sentence that states a curated milestone is attached to it, so each real event appears once. Where "
    "sources disagree on a date, all dates are kept and the event is flagged as a *date conflict*."
)

summary = data.read(store, "summary")  # label counts: a pass over the graph, cached
HEADLINE = ("events", "actors", "mentions", "documents", "date_conflicts")
for column, name in zip(st.columns(len(HEADLINE)), HEADLINE, strict=True):
    column.metric(name.replace("_", " "), f"{summary.get(name) or 0:,}")
if summary.get("first_date"):
    st.caption(f"Events from {summary['first_date']} to {summary['last_date']}.")
counts = summary.get("counts") or {}
if counts:
    with st.expander("Nodes and relationships by label"):
        st.dataframe(
            [{"label": label, "count": count} for label, count in sorted(counts.items())], hide_index=True
        )

st.subheader("Documents")
documents = data.read(store, "documents")
if documents:
    st.dataframe(
        [{k: table_cell(v) for k, v in d.items()} for d in documents], hide_index=True, width="stretch"
    )
else:
    st.info("No document has been ingested yet: run `policygraph ingest`.")

st.subheader("Graph model")
st.code(
    """(:Document {id, title, publisher, date, language, sha256})
(:Event {id, date, date_end, precision, type, title, title_en, origin,
         date_start, date_stop, date_conflict, dates_reported})
(:Actor:Person|:State|:GovernmentBody|:Organization|:Subnational|:Company|:Coalition
        {id, name, name_en, kind, wikidata, aliases})
(:Agreement {id, name, name_en, kind, aliases, wikidata})   (:Initiative {...})
(:Mention {id, text, start, end, date, doc})
(Actor)-[:PARTICIPATED_IN {role}]->(Event)
(Event)-[:CONCERNS]->(Agreement|Initiative)
(Event)-[:MENTIONED_IN]->(Mention)-[:IN]->(Document)
(Person)-[:HELD_OFFICE {title, start, end}]->(Actor)
(Actor)-[:MEMBER_OF]->(Actor)""",
    language="text",
)
st.caption("The full schema, with example queries, is docs/schema.md; try them in the Cypher console.")

st.subheader("Period presets")
st.dataframe(
    [
        {"period": p.name, "中文": p.name_zh, "from": p.start.isoformat(), "to": p.end.isoformat(),
         "source": p.source}
        for p in load_periods()
    ],
    hide_index=True, width="stretch",
    column_config={"source": st.column_config.LinkColumn("source")},
)  # fmt: skip
