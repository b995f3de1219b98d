"""Gazetteer matching of actors, things and role phrases, and their record form.

Every alias of every actor and thing in data/actors.toml, data/agreements.toml and
data/conferences.toml, and every office title / role phrase of data/offices.toml,
goes into one spaCy PhraseMatcher over the character tokens of a blank ``zh``
pipeline. Overlaps are settled longest-first within each category; an actor inside
a thing's name is kept (加州 in 加州碳市场), so both can take part in an event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .knowledge import Knowledge

ACTOR = "actor"
THING = "thing"
ROLE = "role"
_LATIN = re.compile(r"[A-Za-z0-9]")
# Aliases that are pure ASCII and this short are too ambiguous in running text.
_MIN_LATIN_ALIAS = 2


@dataclass
class Mention:
    """A gazetteer or pattern match inside one sentence (offsets relative to it)."""

    start: int
    end: int
    category: str  # actor | thing | role
    ids: tuple[str, ...]  # several when an alias names several things (中美联合声明)
    text: str
    kind: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class Gazetteer:
    """Alias → ids index for actors, things and role phrases, with a PhraseMatcher."""

    def __init__(self, knowledge: Knowledge, nlp: Language):
        self.knowledge = knowledge
        self.index: dict[tuple[str, str], set[str]] = defaultdict(set)
        for actor in knowledge.actors.values():
            for alias in _aliases(actor.name, actor.name_en, actor.aliases):
                self.index[(ACTOR, alias)].add(actor.id)
        actor_aliases = {alias for (category, alias) in self.index if category == ACTOR}
        for thing in knowledge.things.values():
            for alias in _aliases(thing.name, thing.name_en, thing.aliases):
                self.index[(THING, alias)].add(thing.id)
                # 欧盟排放交易体系 is also written 欧盟的排放交易体系
                for owner in possessive_forms(alias, actor_aliases):
                    self.index[(THING, owner)].add(thing.id)
        for phrase in knowledge.role_phrase_offices():
            self.index[(ROLE, phrase)].add(phrase)
        # Office aliases come normalised (casefolded) from knowledge; add the
        # original titles too so Chinese text matches exactly.
        for office in knowledge.offices.values():
            for alias in (office.title, *office.aliases):
                self.index[(ROLE, alias)].add(alias)
        self.matcher = PhraseMatcher(nlp.vocab)
        by_label: dict[str, list[Doc]] = defaultdict(list)
        for (category, alias), _ in self.index.items():
            if alias.isascii() and len(alias) < _MIN_LATIN_ALIAS:
                continue
            by_label[f"{category}|{alias}"].append(nlp.make_doc(alias))
        for label, docs in by_label.items():
            self.matcher.add(label, docs)

    def match(self, doc: Doc) -> list[Mention]:
        return longest_first(self.matches(doc, doc.text))

    def matches(self, doc: Doc, text: str) -> list[Mention]:
        """Every alias match of ``doc`` (whose text is ``text``), overlaps not yet settled."""
        found: list[Mention] = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            category, alias = label.split("|", 1)
            span = doc[start:end]
            s, e = span.start_char, span.end_char
            # Latin aliases must not be part of a longer word (US in USA, Xi in Xinhua).
            if _LATIN.match(text[s]) and s > 0 and _LATIN.match(text[s - 1]):
                continue
            if _LATIN.match(text[e - 1]) and e < len(text) and _LATIN.match(text[e]):
                continue
            ids = tuple(sorted(self.index[(category, alias)]))
            kind = self._kind(category, ids)
            found.append(Mention(s, e, category, ids, text[s:e], kind))
        return found

    def _kind(self, category: str, ids: tuple[str, ...]) -> str:
        if category == ACTOR:
            return self.knowledge.actors[ids[0]].kind
        if category == THING:
            return self.knowledge.things[ids[0]].kind
        return "role"


def possessive_forms(alias: str, actor_aliases: set[str]) -> list[str]:
    """A thing's Chinese name that opens with its owner's name, with 的 after the owner."""
    out = []
    for cut in range(2, min(len(alias) - 2, 6) + 1):
        head, rest = alias[:cut], alias[cut:]
        if head in actor_aliases and not rest.startswith("的") and not head.isascii():
            out.append(f"{head}的{rest}")
    return out


def _aliases(name: str, name_en: str, aliases: tuple[str, ...]) -> list[str]:
    out = []
    for alias in (name, name_en, *aliases):
        alias = alias.strip()
        if alias and alias not in out:
            out.append(alias)
            bare = alias.strip('《》“”"')
            if bare != alias and bare not in out:
                out.append(bare)
    return out


def longest_first(mentions: list[Mention]) -> list[Mention]:
    """Keep, per category (roles compete with actors), the longest non-overlapping matches."""
    kept: list[Mention] = []
    groups = {ACTOR: "a", ROLE: "a", THING: "t"}
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        group = groups.get(mention.category, mention.category)
        if any(
            groups.get(k.category, k.category) == group and k.start < mention.end and mention.start < k.end
            for k in kept
        ):
            continue
        kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end))


def new_actor_record(name: str, kind: str) -> dict[str, Any]:
    """An actor the gazetteer lacks (found by NER): id = kind + the normalised name."""
    return {
        "id": f"{kind}:{normalise_name(name)}",
        "name": name,
        "name_en": "",
        "kind": kind,
        "role": "",
        "wikidata": "",
        "aliases": [name],
    }


def new_thing_record(name: str, kind: str) -> dict[str, Any]:
    return {
        "id": f"{kind}:{normalise_name(name)}",
        "name": name,
        "name_en": "",
        "kind": kind,
        "aliases": [name],
    }


def normalise_name(name: str) -> str:
    return re.sub(r"[\s《》“”\"'‘’（）()·•・,，、:：]+", "", name).casefold()
