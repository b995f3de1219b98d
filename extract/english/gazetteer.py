"""English gazetteer: the English names and aliases of data/actors.toml, data/agreements.toml,
data/conferences.toml, the English office titles and role phrases of data/offices.toml, and the
collective subjects and recurring occasions of data/triggers_en.toml, in two PhraseMatchers.

* One-word aliases and acronyms match with their case (ORTH): "Rice" is a person, "rice" a
  grain; "US" is a state, "us" a pronoun.
* Aliases of several words match in any case (LOWER): "a second joint statement on climate
  change" names the Joint Statement on Climate Change.
* Only Latin-script aliases are used; overlaps are settled longest-first (``longest_first``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..actors import ACTOR, ROLE, THING, Mention, longest_first
from ..knowledge import Knowledge
from .rules import EnglishRules

PAIR = "pair"  # the two countries / both sides
SERIES = "series"  # the G20 summit: one of a series of occasions
SPANS_KEY = "pg_mentions"
_HAN = re.compile(r"[\u3400-\u9fff]")
_MIN_ALIAS = 2  # characters: "EU" is kept, "A" is not


def english_aliases(*names: str) -> list[str]:
    out: list[str] = []
    for name in names:
        name = name.strip().strip('"“”')
        if name and not _HAN.search(name) and len(name) >= _MIN_ALIAS and name not in out:
            out.append(name)
    return out


class EnglishGazetteer:
    """Alias → ids, matched on the tokens of a blank ``en`` Doc."""

    def __init__(self, nlp: Language, knowledge: Knowledge, rules: EnglishRules):
        self.knowledge = knowledge
        self.index: dict[tuple[str, str], set[str]] = defaultdict(set)
        for actor in knowledge.actors.values():
            for alias in english_aliases(actor.name_en, *actor.aliases):
                self.index[(ACTOR, alias)].add(actor.id)
        for thing in knowledge.things.values():
            for alias in english_aliases(thing.name_en, *thing.aliases):
                self.index[(THING, alias)].add(thing.id)
        for office in knowledge.offices.values():
            for alias in english_aliases(office.title_en, *office.aliases):
                self.index[(ROLE, alias)].add(alias)
        for group in knowledge.role_phrases:
            for alias in english_aliases(*group.phrases):
                self.index[(ROLE, alias)].add(alias)
        for phrase in rules.pair_phrases:
            self.index[(PAIR, phrase)].add(rules.pair_id)
        for series in rules.series:
            for phrase in series.phrases:
                self.index[(SERIES, phrase)].add(series.prefix)
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact: dict[str, list[Doc]] = defaultdict(list)
        folded: dict[str, list[Doc]] = defaultdict(list)
        for category, alias in self.index:
            doc = nlp.make_doc(alias)
            one_word = len(doc) == 1 or alias.upper() == alias
            (exact if one_word else folded)[f"{category}|{alias}"].append(doc)
        for label, docs in exact.items():
            self.exact.add(label, docs)
        for label, docs in folded.items():
            self.folded.add(label, docs)

    def __call__(self, doc: Doc) -> list[Span]:
        spans = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                category, alias = doc.vocab.strings[match_id].split("|", 1)
                ids = "|".join(sorted(self.index[(category, alias)]))
                spans.append(Span(doc, start, end, label=category, kb_id=ids))
        return spans


def _kind(knowledge: Knowledge, category: str, ids: tuple[str, ...]) -> str:
    if category == ACTOR:
        return knowledge.actors[ids[0]].kind
    if category == THING:
        return knowledge.things[ids[0]].kind
    return category


def mentions_by_sentence(
    doc: Doc, knowledge: Knowledge, sentences: list[tuple[int, int, bool]]
) -> list[list[Mention]]:
    """The gazetteer's spans of ``doc`` per sentence, as sentence-relative Mentions (one pass)."""
    text = doc.user_data.get("pg_text") or doc.text
    spans = sorted(
        (span.start_char, span.end_char, span.label_, span.kb_id_) for span in doc.spans.get(SPANS_KEY, [])
    )
    starts = [s for s, _, _, _ in spans]
    out = []
    for lo, hi, _ in sentences:
        found = []
        for s, e, label, kb in spans[bisect_left(starts, lo) : bisect_left(starts, hi)]:
            if e <= hi:
                ids = tuple(kb.split("|"))
                found.append(Mention(s - lo, e - lo, label, ids, text[s:e], _kind(knowledge, label, ids)))
        out.append(longest_first(found))
    return out
