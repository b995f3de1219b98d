"""Wiring of the two first stages: extracted records → graph store.

This is the only module where `extract` and `graph` meet; both the `ingest`
and the `serve` commands go through it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policygraph.extract import Extractor, Skipped
from policygraph.extract.knowledge import load_knowledge, reference_records
from policygraph.extract.reader import DOCUMENT_SUFFIXES

ProgressFn = Callable[[str, int, int], None]


def bundled_corpus_dir() -> Path:
    from policygraph.extract.knowledge import bundled_corpus_dir as corpus_dir

    return corpus_dir()


def corpus_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their documents (.txt and .pdf files); keep explicit files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
            )
        else:
            files.append(path)
    return files


@dataclass
class IngestSummary:
    documents: int = 0
    skipped_unchanged: int = 0
    duplicates: int = 0
    events: int = 0
    mentions: int = 0
    actors: int = 0
    agreements: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # warnings: the document was loaded
    failed: list[str] = field(default_factory=list)  # "name: reason" of each file not loaded


def ingest(store, paths: Iterable[Path], progress: ProgressFn | None = None) -> IngestSummary:
    """Extract every document and load it, one transaction per document.

    Reference data (actors, offices, curated milestones) is loaded first, so
    extracted mentions of a curated milestone attach to it.
    """
    started = time.perf_counter()
    summary = IngestSummary()
    knowledge = load_knowledge()
    store.ensure_schema()
    store.load_reference(reference_records(knowledge))
    extractor = Extractor()
    files = corpus_files(paths)
    for item in extractor.extract_paths(files, progress=progress):
        if isinstance(item, Skipped):
            summary.failed.append(f"{item.path}: {item.reason}")
            continue
        result = store.load_document(item.doc, item.records)
        summary.problems.extend(f"{item.doc.id}: {w}" for w in item.warnings)
        if result.duplicate_of:
            summary.duplicates += 1
            summary.problems.append(
                f"{item.doc.path}: same content as the document {result.duplicate_of} already loaded; skipped"
            )
        elif result.skipped:
            summary.skipped_unchanged += 1
        else:
            summary.documents += 1
    counts = store.counts()
    summary.events = counts.get("Event", 0)
    summary.mentions = counts.get("Mention", 0)
    summary.actors = counts.get("Actor", 0)
    summary.agreements = counts.get("Agreement", 0) + counts.get("Initiative", 0)
    summary.seconds = time.perf_counter() - started
    return summary


def store_is_empty(store) -> bool:
    return store.counts().get("Mention", 0) == 0
