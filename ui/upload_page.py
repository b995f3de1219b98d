"""Add documents from the browser: upload text files, extract and load them as `policygraph ingest` does."""

from __future__ import annotations

import streamlit as st
from policygraph.ui import state
from policygraph.ui.connection import get_store
from policygraph.ui.event_view import name_link
from policygraph.ui.formatting import event_label
from policygraph.ui.i18n import lang, t
from policygraph.ui.upload import add_documents

RESULT = "upload_result"

store = get_store()
language = lang()
state.publish({})  # the address keeps the language only
st.title(t("Add documents"))
st.caption(t(
    "Text files in UTF-8, GBK or Big5 (the encoding is detected) and PDF files with a text layer. Each file "
    "is extracted and loaded like `policygraph ingest` does, in one transaction: a file that cannot be read "
    "adds nothing. A file already loaded with the same content is left as it is."
))  # fmt: skip

uploaded = st.file_uploader(t("Files"), type=["txt", "pdf"], accept_multiple_files=True, key="upload_files")
if st.button(t("Add to the graph"), type="primary", disabled=not uploaded):
    bar = st.progress(0.0, text=t("Reading the files…"))

    def progress(name: str, number: int, total: int) -> None:
        bar.progress((number - 1) / total, text=t("Extracting {name} ({number} of {total})…").format(
            name=name, number=number, total=total))  # fmt: skip

    report = add_documents(store, [(f.name, f.getvalue()) for f in uploaded or []], progress=progress)
    bar.progress(1.0, text=t("Done."))
    st.cache_data.clear()  # counts, documents and actors lists of the other pages
    st.session_state[RESULT] = report

report = st.session_state.get(RESULT)
if report is not None:
    for sentence in report.refused:
        st.error(sentence)
    for note in report.notes:
        st.caption(f"⚠ {note}")
    if report.documents:
        # a document's key may carry a hash of where it was stored (report.txt@1a2b…): show the name
        added = ", ".join(doc_id.split("@")[0] for doc_id in report.documents)
        st.success(t("Added {n} document(s): {names}.").format(n=len(report.documents), names=added))
        name_link(
            "timeline_page.py", "doc", ",".join(report.documents), t("Show their events on the timeline")
        )
    if report.unchanged:
        st.info(t("{n} file(s) were already in the graph with the same content.").format(n=report.unchanged))
    st.subheader(t("New events ({n})").format(n=len(report.new_events)))
    for event in report.new_events:
        name_link("timeline_page.py", "event", event["id"], event_label(event, language))
    st.subheader(t("New mentions of known events ({n})").format(n=len(report.known_events)))
    for event in report.known_events:
        name_link("timeline_page.py", "event", event["id"], event_label(event, language))
