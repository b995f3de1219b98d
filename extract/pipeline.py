"""The extractor: text files → event records (docs/architecture.md).

clean (offset map) → sentences → DateResolver on every sentence (it carries the
anchor for 同年 / 当天 from one sentence to the next) → the spaCy pipeline on the
sentences that hold a trigger word or a known occasion → events → milestone dating
and coreference → records.  Text is processed paragraph by paragraph in chunks, so
a large file never becomes one giant Doc.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from . import components  # registers the spaCy factories
from .clean import CleanText
from .coref import conference_spans, date_from_milestones, event_key, merge_mentions
from .dates import DateResolver
from .document_date import document_date
from .english import EnglishExtractor, english_document_date
from .events import Event, SentenceContext, load_rules, remember
from .knowledge import Knowledge, default_knowledge_dir, load_knowledge
from .language import detect_language
from .reader import UnreadableInput, iter_chunks, read_source
from .records import to_record
from .script import ScriptConverter
from .speakers import Speakers, load_speaker_cues

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
_CHUNK_CHARS = 200_000
# metadata of the documents of a folder (title, publisher, date), read from the file beside them
CATALOG_FILE = "catalog.json"
# a numbered section title: 二、… / （一）… / 1. … / ## 3. …, short, with no clause punctuation
_SECTION_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*(?:\d{1,2}[.、．]\s*)?|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.、．]\s*)"
    r"[^。！？!?，,；;]{1,40}$"
)
# head nouns of named schemes: a sentence without an action is still read for its names
_SCHEME_NOUN = re.compile(r"体系|机制|市场|计划|规划|协定|公约|议定书|基金|倡议|（[A-Z]{2,8}）")


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


def build_pipeline(
    knowledge: Knowledge | None = None, knowledge_dir: Path | None = None, use_ner: bool = False
) -> Language:
    """Blank ``zh`` (character segmenter) with the extractor's components, added by name.

    The components read ``knowledge`` when given, else the knowledge files of ``knowledge_dir``
    (default: the package's own, policygraph.data)."""
    if knowledge is not None:
        source = components.share_knowledge(knowledge)
    else:
        source = str(knowledge_dir) if knowledge_dir is not None else ""
    nlp = spacy.blank("zh")
    nlp.add_pipe("policygraph_gazetteer", config={"knowledge_dir": source})
    nlp.add_pipe("policygraph_names", config={"knowledge_dir": source})
    if use_ner:
        # the NER model is optional; the gazetteer alone still works
        with contextlib.suppress(RuntimeError):
            nlp.add_pipe("policygraph_ner")
    nlp.add_pipe("policygraph_events")
    return nlp


class Extractor:
    def __init__(self, knowledge_dir: Path | None = None, use_ner: bool = True):
        self.knowledge_dir = Path(knowledge_dir) if knowledge_dir is not None else default_knowledge_dir()
        self.knowledge = load_knowledge(self.knowledge_dir)
        self.rules = load_rules(self.knowledge_dir)
        self.speaker_cues = load_speaker_cues(self.knowledge_dir)
        self.nlp = build_pipeline(self.knowledge, use_ner=use_ner)
        self._catalogs: dict[Path, dict[str, dict[str, Any]]] = {}
        self.fingerprint = pipeline_fingerprint(self.knowledge_dir)
        self.script = ScriptConverter.from_data(self.knowledge_dir)  # traditional → simplified for matching
        self._candidate = _candidate_pattern(self.rules, self.knowledge)
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
        resolver = DateResolver(doc_date)
        context = SentenceContext(self.knowledge, self.rules, doc_date)
        context.pair = self._document_pair(matching)
        context.speakers = Speakers(self.speaker_cues, self.knowledge)
        context.speakers.read_head(matching[:2000])
        declared: dict[str, Any] = {}
        events: list[Event] = []
        for base, chunk in iter_chunks(original, _CHUNK_CHARS):
            cleaned = script.clean(chunk)
            for event in self._chunk_events(cleaned, resolver, context, declared):
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
    def _chunk_events(
        self, cleaned: CleanText, resolver: DateResolver, context: SentenceContext, declared: dict[str, Any]
    ) -> Iterator[Event]:
        text = cleaned.text
        for paragraph in re.finditer(r"[^\n]+", text):
            context.previous_date = None
            if context.speakers is not None:
                context.speakers.turn(paragraph.group())
            if _SECTION_HEADING.match(paragraph.group()):
                continue  # 二、《巴黎协定》的快速生效: a section's title; its body tells the events
            for sentence in _SENTENCE.finditer(paragraph.group()):
                s_text = sentence.group()
                offset = paragraph.start() + sentence.start()
                times = resolver.find(s_text)
                if "简称" in s_text or self._candidate.search(s_text):
                    doc = self.nlp.make_doc(s_text)
                    doc.user_data.update(
                        text=s_text,
                        times=times,
                        context=context,
                        declared=declared,
                        offset=offset,
                        ner_wanted=bool(times),
                    )
                    for _, proc in self.nlp.pipeline:
                        doc = proc(doc)
                    sentence_events = doc.user_data["events"]
                    if not any(t.date and t.kind in ("date", "range") for t in times):
                        _anchor_on_occasion(sentence_events, resolver, self.knowledge, context.doc_date)
                    yield from sentence_events
                    last = doc.user_data.get("last_time")
                    if last is not None:
                        context.previous_date = last
                else:
                    if times:
                        context.previous_date = None
                    if _SCHEME_NOUN.search(s_text):
                        # no action here, but a scheme named here may be referred to next (该计划…)
                        self._remember_names(s_text, context, declared)

    def _document_pair(self, text: str) -> str | None:
        """The pair of states that 双方 / 两国 name: the first of rules.pairs whose members the
        text both names."""
        for pair, members in self.rules.pairs.items():
            if all(self._names_actor(text, member) for member in members):
                return pair
        return None

    def _names_actor(self, text: str, actor_id: str) -> bool:
        actor = self.knowledge.actors.get(actor_id)
        if actor is None:
            return False
        names = [n for n in (actor.name, *actor.aliases) if len(n) >= 2 and not n.isascii()]
        return any(name in text for name in names)

    def _remember_names(self, text: str, context: SentenceContext, declared: dict[str, Any]) -> None:
        doc = self.nlp.make_doc(text)
        doc.user_data.update(text=text, declared=declared)
        for name, proc in self.nlp.pipeline:
            if name in ("policygraph_gazetteer", "policygraph_names"):
                doc = proc(doc)
        remember(text, doc.user_data.get("mentions", []), context)

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


def _anchor_on_occasion(
    events: list[Event], resolver: DateResolver, knowledge: Knowledge, doc_date: str | None
) -> None:
    """A sentence dated only by a named occasion (巴厘岛会晤中, 大会期间) is what 同月 / 当天 in
    the next sentence refer to: its date, refined by the milestone it reports, becomes the anchor."""
    dated = [e for e in date_from_milestones(list(events), knowledge, doc_date) if e.date]
    if dated:
        resolver.set_anchor(max(e.date for e in dated if e.date))


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


def _candidate_pattern(rules, knowledge: Knowledge) -> re.Pattern[str]:
    """Cheap pre-filter: a sentence without any trigger word cannot hold an event."""
    words = [p.pattern for patterns in rules.triggers.values() for p in patterns]
    return re.compile("|".join(f"(?:{w})" for w in words) + r"|大会|峰会|会议|声明|宣言|公告")


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
