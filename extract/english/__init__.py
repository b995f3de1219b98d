"""The English extraction path: cleaned text → spaCy blank ``en`` with the components of
``components.py`` → the same ``Event`` objects as the Chinese path (extract/events.py), so
milestone dating, coreference and records are shared (docs/extraction.md, "English documents").
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from ..events import Event
from ..reader import iter_chunks
from . import components
from .dates import english_document_date, has_dateline
from .rules import load_english_rules
from .text import clean_english

__all__ = ["EnglishExtractor", "build_english_pipeline", "english_document_date"]

_CHUNK_CHARS = 200_000


def build_english_pipeline(data_dir: Path | None = None) -> Language:
    """Blank ``en`` (spaCy's rule-based tokenizer) with the English components, added by name."""
    config = {"data_dir": str(data_dir) if data_dir is not None else ""}
    nlp = spacy.blank("en")
    for name in (
        "policygraph_en_sentences",
        "policygraph_en_dates",
        "policygraph_en_gazetteer",
        "policygraph_en_events",
    ):
        nlp.add_pipe(name, config=config)
    return nlp


class EnglishExtractor:
    """Events of one English document, with evidence offsets into its original text."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.rules = load_english_rules(self.data_dir)
        self.nlp = build_english_pipeline(self.data_dir)

    def events(self, original: str, doc_date: str | None) -> list[Event]:
        state = components.new_state(doc_date, self.rules, has_dateline(original))
        out: list[Event] = []
        for base, chunk in iter_chunks(original, _CHUNK_CHARS):
            cleaned = clean_english(chunk, self.rules.reference_headings)
            doc = self.nlp.make_doc(cleaned.text)
            doc._.pg_en_state = state
            doc = self.nlp(doc)
            for event in doc._.pg_en_events:
                s, e = event.sentence
                start, end = cleaned.evidence_span(s, e, s + event.start)
                event.evidence = (base + start, base + end)
                out.append(event)
        return out
