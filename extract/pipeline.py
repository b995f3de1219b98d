"""The extractor: text files → event records (docs/architecture.md, docs/extraction.md).

read → clean (offset map) → the spaCy pipeline (extract/components: sentences → dates →
gazetteer → names → NER → events) over each cleaned chunk → milestone dating and
coreference → records. Text is processed in chunks of whole paragraphs, so a large
file never becomes one giant Doc; one DocumentState carries anchors and names from one
chunk to the next.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from . import components  # registers the spaCy factories
from .clean import CleanText
from .coref import conference_spans, date_from_milestones, event_key, merge_mentions
from .document_date import document_date
from .english import EnglishExtractor, english_document_date
from .events import Event
from .knowledge import default_knowledge_dir
from .language import detect_language
from .reader import UnreadableInput, iter_chunks, read_source
from .records import to_record
from .script import ScriptConverter

_CHUNK_CHARS = 200_000
# metadata of the documents of a folder (title, publisher, date), read from the file beside them
CATALOG_FILE = "catalog.json"


@dataclass
class DocumentInfo:
    id: str
    path: Path
    title: str = ""
    publisher: str = ""
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    language: str = "zh"
    kind: str = ""
    sha256: str = ""
    encoding: str = "utf-8"
    extractor_version: str = ""  # fingerprint of the extractor's code and data (see pipeline_fingerprint)


@dataclass
class DocumentResult:
    doc: DocumentInfo
    records: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)


@dataclass
class Skipped:
    path: Path
    reason: str


def build_pipeline(knowledge_dir: Path | str | None = None, use_ner: bool = False) -> Language:
    """Blank ``zh`` (character segmenter) with the extractor's components, added by name.

    The components read the knowledge files of ``knowledge_dir`` (default: the packaged data),
    through one shared loader (components.shared_resources)."""
    source = str(knowledge_dir) if knowledge_dir is not None else ""
    config = {"knowledge_dir": source}
    # spaCy's own "char" segmenter is quadratic in the Doc's length; same tokens, linear
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "policygraph.zh_chars.v1"}}})
    nlp.add_pipe("policygraph_sentences", config=config)
    nlp.add_pipe("policygraph_dates", config=config)
    nlp.add_pipe("policygraph_gazetteer", config=config)
    nlp.add_pipe("policygraph_names", config=config)
    if use_ner:
        # the NER model is optional; the gazetteer alone still works
        with contextlib.suppress(RuntimeError):
            nlp.add_pipe("policygraph_ner")
    nlp.add_pipe("policygraph_events", config=config)
    return nlp


class Extractor:
    def __init__(self, knowledge_dir: Path | None = None, use_ner: bool = True):
        self.knowledge_dir = Path(knowledge_dir) if knowledge_dir is not None else default_knowledge_dir()
        self.resources = components.shared_resources(self.knowledge_dir)
        self.knowledge = self.resources.knowledge
        self.rules = self.resources.rules
        self.nlp = build_pipeline(self.knowledge_dir, use_ner=use_ner)
        self._catalogs: dict[Path, dict[str, dict[str, Any]]] = {}
        self.fingerprint = pipeline_fingerprint(self.knowledge_dir)
        self.script = ScriptConverter.from_data(self.knowledge_dir)  # traditional → simplified for matching
        self.english = EnglishExtractor(self.knowledge_dir)

    # ------------------------------------------------------------------ public
    def extract_file(self, path: Path) -> DocumentResult:
        """Records of one file; raises UnreadableInput for an empty or binary file."""
        source = read_source(Path(path))
        info = self._document_info(Path(path), source)
        records, warnings = self.extract_text(source.text, info)
        return DocumentResult(info, records, warnings)

    def extract_paths(
        self, paths: Iterable[Path], progress: Callable[[str, int, int], None] | None = None
    ) -> Iterator[DocumentResult | Skipped]:
        paths = list(paths)
        for number, path in enumerate(paths, 1):
            if progress is not None:
                progress(Path(path).name, number, len(paths))
            try:
                yield self.extract_file(Path(path))
            except UnreadableInput as error:
                yield Skipped(Path(path), str(error))

    def extract_text(self, original: str, info: DocumentInfo) -> tuple[list[dict[str, Any]], list[str]]:
        """Records for one document's text (``info.id`` names it in the records)."""
        info.language = detect_language(original)
        if info.language == "en":
            return self._english_records(original, info)
        warnings: list[str] = []
        script = self.script.for_document(original)  # converts only text in traditional script
        matching = script.plain(original)  # ``original`` itself unless converted
        doc_date = info.date or document_date(matching, self.knowledge)
        if not doc_date:
            warnings.append("document date unknown: relative dates (今年, 去年) left unresolved")
        # one state for the whole file: its chunks continue each other's anchors and names
        state = components.new_document_state(matching, doc_date, self.resources)
        events: list[Event] = []
        for base, chunk in iter_chunks(original, _CHUNK_CHARS):
            cleaned = script.clean(chunk)
            for event in self._chunk_events(cleaned, state):
                # evidence offsets into the original text now: the chunk's map is not kept
                start, end = cleaned.evidence_span(*event.sentence, event.sentence[0] + event.start)
                event.evidence = (base + start, base + end)
                event.title = script.restore(cleaned, event.title, event.sentence)
                events.append(event)
        events = date_from_milestones(events, self.knowledge, doc_date)
        events = merge_mentions(conference_spans(events, self.knowledge))
        records = [to_record(event, _record_doc(info), event_key(event), original) for event in events]
        return records, warnings

    def _english_records(self, original: str, info: DocumentInfo) -> tuple[list[dict[str, Any]], list[str]]:
        """The English path (extract/english/): same events, coreference and records as Chinese."""
        info.date = info.date or english_document_date(original, self.knowledge)
        unknown = "document date unknown: relative dates (this year, yesterday) left unresolved"
        warnings = [] if info.date else [unknown]
        events = date_from_milestones(self.english.events(original, info.date), self.knowledge, info.date)
        events = merge_mentions(events)
        return [to_record(e, _record_doc(info), event_key(e), original) for e in events], warnings

    # ------------------------------------------------------------------ internals
    def _chunk_events(self, cleaned: CleanText, state: components.DocumentState) -> list[Event]:
        """The pipeline over one cleaned chunk: its events in cleaned-chunk offsets."""
        doc = self.nlp.make_doc(cleaned.text)
        doc._.doc_date = state.doc_date
        doc.user_data[components.STATE_KEY] = state
        return self.nlp(doc)._.policygraph_events

    def _catalog_entry(self, path: Path) -> dict[str, Any] | None:
        """The file's row in the ``catalog.json`` of its own folder, if it is listed there."""
        folder = path.resolve().parent
        if folder not in self._catalogs:
            self._catalogs[folder] = _read_catalog(folder / CATALOG_FILE)
        return self._catalogs[folder].get(path.name)

    def _document_info(self, path: Path, source: Any) -> DocumentInfo:
        listed = self._catalog_entry(path)
        entry = listed or {}
        language = entry.get("language") or detect_language(source.text)
        if language == "en":
            date = entry.get("date") or english_document_date(source.text, self.knowledge)
        else:
            date = entry.get("date") or document_date(
                self.script.for_document(source.text).cues(source.text), self.knowledge
            )
        return DocumentInfo(
            id=document_id(path, listed=listed is not None),
            path=path,
            title=entry.get("title", ""),
            publisher=entry.get("publisher", ""),
            authors=list(entry.get("authors", [])),
            date=date,
            language=language,
            kind=entry.get("kind", ""),
            sha256=getattr(source, "sha256", ""),
            encoding=getattr(source, "encoding", "utf-8"),
            extractor_version=self.fingerprint,
        )


def _record_doc(info: DocumentInfo) -> str:
    """The `doc` of a record: the file's name, as readers and the eval gold know it (the
    store keys the document by `info.id`, which adds a hash of the path when needed)."""
    return Path(info.path).name if info.path else info.id


def document_id(path: Path, *, listed: bool) -> str:
    """A document's key: the file name when its folder's catalog lists it (the bundled corpus,
    the same id wherever the package is installed), else the name and a hash of the absolute
    path, so that ``a/report.txt`` and ``b/report.txt`` are two documents. The same content
    under two paths is recognised by its sha256 when it is loaded."""
    if listed:
        return path.name
    where = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:10]
    return f"{path.name}@{where}"


def _read_catalog(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {entry["file"]: entry for entry in data.get("documents", []) if "file" in entry}


def pipeline_fingerprint(knowledge_dir: Path) -> str:
    """A short hash of the extractor's code and domain data.

    Stored on each Document so that a re-ingest re-extracts unchanged files when the
    extractor or its data changed, and skips them only when nothing did.
    """
    digest = hashlib.sha256()
    code = sorted(Path(__file__).parent.rglob("*.py"))
    data = sorted(Path(knowledge_dir).glob("*.toml"))
    for path in code + data:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
