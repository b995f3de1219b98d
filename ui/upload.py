"""Adding documents from the browser: the same code as `policygraph ingest`, then what changed.

No Streamlit here, so that the behaviour is tested without a browser.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policygraph.graph import queries

ACCEPTED = (".txt", ".pdf")  # the reader reads a PDF's text layer, and refuses a scan in one sentence


@dataclass
class UploadReport:
    documents: list[str] = field(default_factory=list)  # ids of the documents loaded now
    unchanged: int = 0  # files already in the graph with the same content
    refused: list[str] = field(default_factory=list)  # one sentence per file that was not loaded
    notes: list[str] = field(default_factory=list)  # the extractor's warnings (e.g. no document date)
    new_events: list[dict] = field(default_factory=list)  # events that did not exist before
    known_events: list[dict] = field(default_factory=list)  # existing events these files also state


def safe_name(name: str) -> str:
    """The file name alone (no folders): it becomes the document's id."""
    return Path(name.replace("\\", "/")).name.strip()


def add_documents(
    store, files: Sequence[tuple[str, bytes]], progress: Callable[[str, int, int], None] | None = None
) -> UploadReport:
    """Extract and load each (name, content) pair, one transaction per document (nothing half-loaded)."""
    from policygraph.ingest import ingest  # the wiring of extract → graph that `policygraph ingest` uses

    report = UploadReport()
    before_docs = {d["id"] for d in queries.documents(store)}
    before_events = queries.event_ids(store)
    with tempfile.TemporaryDirectory(prefix="policygraph-upload-") as folder:
        paths = []
        for name, content in files:
            clean = safe_name(name)
            if not clean or Path(clean).suffix.lower() not in ACCEPTED:
                report.refused.append(
                    f"{name or 'a file'}: only text (.txt in UTF-8, GBK or Big5) and PDF files can be added."
                )
                continue
            path = Path(folder) / clean
            path.write_bytes(content)
            paths.append(path)
        if paths:
            summary = ingest(store, paths, progress=progress)
            report.unchanged = summary.skipped_unchanged + summary.duplicates
            report.refused += summary.failed  # "name: reason" of each file not loaded
            report.notes += summary.problems  # warnings of files that were loaded
    after_docs = {d["id"] for d in queries.documents(store)}
    report.documents = sorted(after_docs - before_docs)
    stated = queries.event_ids_in_documents(store, report.documents)
    titles = queries.event_titles(store, sorted(stated))
    ordered = sorted(titles.values(), key=lambda e: (str(e.get("date")), e["id"]))
    report.new_events = [e for e in ordered if e["id"] not in before_events]
    report.known_events = [e for e in ordered if e["id"] in before_events]
    return report
