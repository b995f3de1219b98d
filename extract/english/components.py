"""spaCy components of the English extractor, registered by name on import.

policygraph_en_sentences  sentence and paragraph boundaries (token.is_sent_start, Doc._.pg_en_sentences)
policygraph_en_dates      English time expressions per sentence (doc.spans["pg_dates"], Doc._.pg_en_times)
policygraph_en_gazetteer  actors, things, office titles, role phrases, collective subjects and
                          recurring occasions (doc.spans["pg_mentions"])
policygraph_en_events     triggers + dates + participants → events (Doc._.pg_en_events)

A Doc is a chunk of cleaned text (one document or ~200 k characters of it). What carries from
one chunk to the next (the date anchor, what "they" / "the agreement" refer to) is a
``DocumentState`` the driver puts on ``Doc._.pg_en_state``; ``nlp(text)`` alone starts a
fresh one, with the document date found in the text's head.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..knowledge import Knowledge, default_knowledge_dir, load_knowledge
from .dates import EnglishDates, english_document_date, has_dateline
from .events import DocumentMemory, SentenceReader
from .gazetteer import SPANS_KEY, EnglishGazetteer, mentions_by_sentence
from .rules import EnglishRules, load_english_rules
from .text import sentences

DATES_KEY = "pg_dates"


@dataclass
class DocumentState:
    memory: DocumentMemory
    dates: EnglishDates


def new_state(doc_date: str | None, rules: EnglishRules, dateline: bool = False) -> DocumentState:
    memory = DocumentMemory(doc_date)
    memory.dateline = dateline
    return DocumentState(memory, EnglishDates(doc_date, rules.date_cues))


for _name in ("pg_en_state", "pg_en_sentences", "pg_en_times", "pg_en_events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _sources(data_dir: str) -> tuple[Knowledge, EnglishRules]:
    folder = Path(data_dir) if data_dir else default_knowledge_dir()
    return load_knowledge(folder), load_english_rules(folder)


def doc_text(doc: Doc) -> str:
    """The Doc's text, kept in user_data: spaCy rebuilds Doc.text from the tokens on every access."""
    text = doc.user_data.get("pg_text")
    if text is None:
        text = doc.user_data["pg_text"] = doc.text
    return text


def _state(doc: Doc, rules: EnglishRules) -> DocumentState:
    if doc._.pg_en_state is None:
        text = doc_text(doc)
        doc._.pg_en_state = new_state(english_document_date(text), rules, has_dateline(text))
    return doc._.pg_en_state


class SentenceSplitter:
    """Paragraphs (lines of the cleaned text) cut into sentences at . ! ? (not after U.S., Mr.)."""

    def __init__(self, rules: EnglishRules):
        self.abbreviations = rules.abbreviations

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, bool]] = []
        pos = 0
        for paragraph in doc_text(doc).split("\n"):
            first = True
            for s, e in sentences(paragraph, self.abbreviations):
                found.append((pos + s, pos + e, first))
                first = False
            pos += len(paragraph) + 1
        # one array for all tokens: setting token.is_sent_start one by one is quadratic in spaCy
        if len(doc):
            flags = numpy.where(numpy.isin(doc.to_array([IDX]), [s for s, _, _ in found]), 1, -1)
            flags[0] = 1
            doc.from_array([SENT_START], flags.astype("int32").reshape(-1, 1).astype("uint64"))
        doc._.pg_en_sentences = found
        return doc


class DateTagger:
    """Time expressions of each sentence, resolved in text order (the anchor moves on)."""

    def __init__(self, rules: EnglishRules):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc, self.rules)
        times = []
        spans = []
        text = doc_text(doc)
        for start, end, _ in doc._.pg_en_sentences or [(0, len(text), True)]:
            found = state.dates.find(text[start:end])
            times.append(found)
            for t in found:
                span = doc.char_span(start + t.start, start + t.end, label=t.kind, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc._.pg_en_times = times
        doc.spans[DATES_KEY] = spans
        return doc


class GazetteerTagger:
    def __init__(self, nlp: Language, knowledge: Knowledge, rules: EnglishRules):
        self.gazetteer = EnglishGazetteer(nlp, knowledge, rules)

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPANS_KEY] = self.gazetteer(doc)
        return doc


class EventReader:
    def __init__(self, nlp: Language, knowledge: Knowledge, rules: EnglishRules):
        self.rules = rules
        self.reader = SentenceReader(knowledge, rules)
        self.knowledge = knowledge

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc, self.rules)
        events = []
        whole = doc_text(doc)
        sentences_ = doc._.pg_en_sentences or [(0, len(whole), True)]
        times = doc._.pg_en_times or [[] for _ in sentences_]
        per_sentence = mentions_by_sentence(doc, self.knowledge, sentences_)
        for (start, end, first), found_times, found in zip(sentences_, times, per_sentence, strict=False):
            for event in self.reader.events(whole[start:end], found_times, found, state.memory, first):
                event.sentence = (start, end)
                events.append(event)
        doc._.pg_en_events = events
        return doc


@Language.factory(
    "policygraph_en_sentences", default_config={"data_dir": ""}, assigns=["token.is_sent_start"]
)
def make_sentences(nlp: Language, name: str, data_dir: str) -> SentenceSplitter:
    return SentenceSplitter(_sources(data_dir)[1])


@Language.factory(
    "policygraph_en_dates",
    default_config={"data_dir": ""},
    assigns=["doc.spans"],
    requires=["token.is_sent_start"],
)
def make_dates(nlp: Language, name: str, data_dir: str) -> DateTagger:
    return DateTagger(_sources(data_dir)[1])


@Language.factory("policygraph_en_gazetteer", default_config={"data_dir": ""}, assigns=["doc.spans"])
def make_gazetteer(nlp: Language, name: str, data_dir: str) -> GazetteerTagger:
    return GazetteerTagger(nlp, *_sources(data_dir))


@Language.factory(
    "policygraph_en_events",
    default_config={"data_dir": ""},
    assigns=["doc._.pg_en_events"],
    requires=["doc.spans"],
)
def make_events(nlp: Language, name: str, data_dir: str) -> EventReader:
    return EventReader(nlp, *_sources(data_dir))
