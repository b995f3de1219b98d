"""Events from one English sentence: triggers, dates, participants, things.

Rules (each says why; the words themselves are in data/triggers_en.toml):
* **Triggers** per type; a trigger inside a gazetteer name is part of the name. A trigger
  right after a negation ("did not sign") or after a hypothetical cue in its clause ("could
  meet", "wants to join") gives nothing.
* **Future modals.** After would / will / plans to, a pledge-able act ("would cut", "would
  launch", "would not build") is a pledge when a saying verb or a statement reports it ("said
  it would…", "the Joint Announcement: the United States would cut…"); a scheduled act
  ("would sign the agreement on April 22", "will meet") is a plan and gives nothing.
* **One action per clause.** A saying or consent verb followed in its clause by a specific
  act is that act ("agreed to set up" → launch, "announced that it was suspending" →
  suspension, "told … that China would not build" → pledge). Consent verbs ("agreed",
  "reaffirmed") are agreements only between two parties.
* **Named documents and occasions.** A named joint statement or declaration is a statement
  event; a named conference (COP26, the G20 summit resolved by date) a conference event
  dated from data/conferences.toml.
* **Dates.** The nearest usable date after the trigger in its clause with no other act in
  between ("met in Bali on November 14"), else the nearest before it in the sentence ("On
  April 13, 2013, … issued"), else the first after it in the sentence, else the date of the
  sentence before in the paragraph (a narrative continues its time), unless the sentence
  opens with a vague time ("Days later").
* **Participants.** The actors before the trigger in its clause (its subject) and after it up
  to the next act (its objects: "talks with Xie", "handed … to Ban Ki-moon"); without a
  subject, a pronoun (they, he, it, the country) or a collective phrase (the two countries,
  the two presidents: role phrases resolved by date) names it, else the subject of the act
  before in the sentence. A capital acting stands for its state ("Washington submitted");
  after in/to/at it is a place, and a visit's host state takes part.
* **Things.** Gazetteer things of the clause, "the agreement" / "the statement" / "it" for
  the last one named, the agreement named before for a ratification without an object, and
  the object of a launch verb when the gazetteer lacks it ("set up a working group on
  climate action").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..actors import ACTOR, ROLE, THING, Mention, new_thing_record
from ..dates import TimeExpr
from ..events import Event, merge_participants
from ..knowledge import Knowledge, actor_record, iso_span, thing_record
from .gazetteer import PAIR, SERIES
from .rules import EnglishRules

_CLAUSE = re.compile(
    r";|:|—|\s–\s|,\s+(?=(?:and|but|while|whereas|which|where|who|after|before|when)\b)"
    # a subordinate clause of time or cause is an act of its own (talks resumed | when Kerry visited …)
    r"|\s+(?=(?:after|when|because|although|though|whereas|following)\s+(?!\d))"
)
_GENERIC_VERBS = re.compile(
    r"^(?:said|says|stated|declared|told|announced|announces|reaffirmed|reiterated|stressed|emphasized|noted"
    r"|expressed|welcomed|welcomes|agreed|agree|agrees|spoke|addressed|remarks|speech)$",
    re.I,
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|to|at|from|visit(?:ed|ing|s)?|trip to|back in|near|outside|inside)\s+(?:the\s+)?$", re.I
)
_VISIT = re.compile(r"visit|trip|travel|returned|back in", re.I)
_VAGUE_OPENING = re.compile(
    r"^(?:days|weeks|months|years) later|^(?:soon|shortly) after|^later\b|^afterwards?\b", re.I
)
_FOLLOWED = re.compile(r"\bfollowed(?: suit)?\b", re.I)
_STATEMENT_THING = re.compile(r"statement|declaration|announcement|communiqu", re.I)
_NOUN_PHRASE = re.compile(
    r"^\s*(?:an?|the|its|their|a new|new)\s+((?:[\w-]+\s+){0,7}?[\w-]+?)"
    r"(?=\s*(?:[,.;:(]|$|\s+(?:by|in|to|that|which|and|with|at|agreed|set|launched|established)\s))",
    re.I,
)
_SUBJECT_PRONOUN = re.compile(r"\b(they|their|both|he|she|his|her|it|its|we|our|(?-i:I)|my)\b", re.I)
_HEAD_SENTENCES = 4  # a speech's heading is among the first sentences
_IN_FORCE = re.compile(r"(?:took|takes|take) effect|(?:entered|came|entry) into force", re.I)
_PLEDGE_CONTENT = re.compile(
    r"\s*([\w\s,.$%-]{3,90}?)(?=[,;]|(?<![A-Z])\.(?:\s|$)|\s+(?:and|by|around|before|in)\b|$)"
)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the|this|that)\s+(?:[\w-]+\s+)?$", re.I)
_PROMISABLE = frozenset({"pledge", "launch", "policy", "funding", "withdrawal", "suspension"})
_TARGET_NOUNS = re.compile(r"\b(?:targets?|goals?|commitments?|pledges?|contributions?|ndcs?)\b", re.I)
_SIGNING = re.compile(r"^(?:signed|signs|sign|signing)$", re.I)
_WISH = re.compile(
    r"^\s*(?:that\s+)?(?:they|he|she|it|we)?\s*(?:wanted|want|wants|hoped|hope|hopes|wished|would like)\b",
    re.I,
)
_SETTING_BEFORE = re.compile(
    r"\b(?:at|during|on the sidelines of|on the eve of|ahead of|before|after|to|in|for|attended|attending|"
    r"hosted|host|opened|closed)\s+(?:the\s+|this year's\s+|last year's\s+)?$",
    re.I,
)
_APPOSITION_PLACE = re.compile(r"[A-Z][\w.'-]+,\s*$")
_SENTENCE_PRONOUN = re.compile(r"^\s*(It|Its|They|Their|Both|He|She|His|Her)\b")


@dataclass
class DocumentMemory:
    """What a sentence may refer back to, carried through one document."""

    doc_date: str | None
    last_subject: list[dict[str, Any]] = field(default_factory=list)
    last_person: dict[str, Any] | None = None
    last_state: dict[str, Any] | None = None
    last_things: dict[str, dict[str, Any]] = field(default_factory=dict)
    last_statement: dict[str, Any] | None = None
    previous_date: tuple[str, str | None] | None = None  # (date, date_end) of the sentence before
    previous_events: list[Event] = field(default_factory=list)
    states_seen: set[str] = field(default_factory=set)
    speaker: dict[str, Any] | None = None  # "Remarks by President Obama …": I / we in the text
    statement_just_named: bool = False
    sentences_read: int = 0
    last_of_type: dict[str, Event] = field(default_factory=dict)  # the last act of each type
    opening_thing: str | None = None  # the thing named at the head of the sentence before (its subject)
    dateline: bool = False  # a news report (WASHINGTON, Nov. 15 —): its short paragraphs continue one time


@dataclass
class _Trigger:
    start: int
    end: int
    type: str
    word: str
    generic: bool = False
    future: bool = False
    absorbable: bool = False  # a saying, consent or signing verb: gives way to the act right after it


def usable(times: list[TimeExpr], doc_date: str | None) -> list[TimeExpr]:
    """Dates that can date an act: no targets, plans, references, periods, nor after the document."""
    limit = iso_span(doc_date)[1] if doc_date else None
    out = []
    for t in times:
        if t.kind not in ("date", "range") or not t.date or t.is_target:
            continue
        if limit is not None and iso_span(t.date)[0] > limit:
            continue
        out.append(t)
    return out


class SentenceReader:
    """Turns one sentence (with its dates and gazetteer mentions) into events."""

    def __init__(self, knowledge: Knowledge, rules: EnglishRules):
        self.knowledge = knowledge
        self.rules = rules
        self._sentence_events: list[Event] = []
        self._triggers_now: list[_Trigger] = []
        self._found_now: list[Mention] = []
        self._generic: set[int] = set()
        self._titles: dict[tuple[str, str | None], str] = {}
        self._occasions: dict[tuple[str, str], Any] = {}

    # ------------------------------------------------------------------ entry
    def events(
        self,
        text: str,
        times: list[TimeExpr],
        found: list[Mention],
        memory: DocumentMemory,
        paragraph_start: bool,
    ) -> list[Event]:
        memory.sentences_read += 1
        if memory.sentences_read <= _HEAD_SENTENCES and memory.speaker is None:
            memory.speaker = self._speaker(text, found, memory)
        names = [m for m in found if m.category in (THING, SERIES)]
        # an actor inside a name belongs to the name (G20 in "the G20 summit", U.S.-China in a title)
        found = [
            m
            for m in found
            if m.category in (THING, SERIES) or not any(n.start <= m.start and m.end <= n.end for n in names)
        ]
        for m in found:
            if m.category == ACTOR and self.knowledge.actors[m.ids[0]].kind == "state":
                memory.states_seen.add(m.ids[0])
        found = found + self._opening_reference(text, found, memory)
        times = times + self._took_office(text, found, memory)
        dates = usable(times, memory.doc_date)
        # a sentence continues the time of the one before unless it gives (or blurs) its own
        own_time = any(t.kind == "vague" or (t.kind in ("date", "range") and not t.is_target) for t in times)
        inherited = None if (dates or own_time or _VAGUE_OPENING.match(text)) else memory.previous_date
        if paragraph_start and not memory.dateline:
            inherited = (
                None  # a new paragraph of a brief or a speech starts a new time; a wire report goes on
            )
        clauses = _clauses(text, times)
        self._found_now = found
        triggers = self._triggers(text, found, clauses)
        self._triggers_now = triggers
        events: list[Event] = []
        self._sentence_events, self._generic = [], set()
        for trig in triggers:
            event = self._event(text, trig, triggers, dates, inherited, clauses, found, memory)
            if event is not None:
                events.append(event)
        events += self._named_events(text, found, triggers, dates, inherited, clauses, memory)
        events += self._followed(text, found, dates, memory)
        events = [e for e in events if e.actors or e.things]
        events = _merge(events, clauses, self._generic)
        self._remember(text, found, events, dates, memory)
        return events

    # ------------------------------------------------------------------ triggers
    def _triggers(self, text: str, found: list[Mention], clauses: list[tuple[int, int]]) -> list[_Trigger]:
        names = [(m.start, m.end) for m in found if m.category in (THING, ACTOR, ROLE, SERIES)]
        raw: list[_Trigger] = []
        for kind, pattern in self.rules.triggers.items():
            for m in pattern.finditer(text):
                if any(s <= m.start() and m.end() <= e for s, e in names):
                    continue
                raw.append(
                    _Trigger(
                        m.start(),
                        m.end(),
                        kind,
                        m.group(),
                        bool(_GENERIC_VERBS.match(m.group())),
                        absorbable=bool(
                            _GENERIC_VERBS.match(m.group()) or _SIGNING.match(m.group()) or kind == "policy"
                        ),
                    )
                )
        raw += self._promised(text, clauses)
        order = {k: i for i, k in enumerate(self.rules.precedence)}
        kept: list[_Trigger] = []
        for trig in sorted(raw, key=lambda t: (-(t.end - t.start), order.get(t.type, 99), t.start)):
            if any(k.start < trig.end and trig.start < k.end for k in kept):
                continue
            kept.append(trig)
        kept.sort(key=lambda t: t.start)
        return [t for t in kept if self._live(text, t, clauses, kept)]

    def _promised(self, text: str, clauses: list[tuple[int, int]]) -> list[_Trigger]:
        """would cut / will launch / would not build, reported by a saying verb: pledges."""
        out = []
        for m in self.rules.future.finditer(text):
            after = text[m.end() :]
            act = self.rules.promised_acts.match(re.sub(r"^\s*not\b", "", after, flags=re.I) or after)
            if act is None:
                continue
            lo = _clause_start(clauses, m.start())
            if self._reported(text, lo, m.start()):
                out.append(
                    _Trigger(
                        m.start(),
                        m.end() + act.end() + (len(after) - len(after.lstrip())),
                        "pledge",
                        text[m.start() : m.end() + act.end()],
                        future=True,
                    )
                )
        return out

    def _reported(self, text: str, lo: int, modal: int) -> bool:
        """A future act is promised when a saying verb or a statement reports it (said it would …,
        the Joint Announcement: … would cut …) or an actor is its subject (The two countries will …)."""
        if self.rules.report.search(text[:modal]) or text.rfind(":", 0, modal) >= 0:
            return True
        return any(
            m.category in (ACTOR, PAIR, ROLE) and lo <= m.start and len(text[m.end : modal].split()) <= 2
            for m in self._found_now
        )

    def _live(self, text: str, trig: _Trigger, clauses: list[tuple[int, int]], kept: list[_Trigger]) -> bool:
        lo = _clause_start(clauses, trig.start)
        before = text[lo : trig.start]
        if self.rules.negation.search(before[-24:]):
            return False
        if self.rules.non_event.search(text[lo : _clause_end(clauses, trig.start)]):
            return False
        if self.rules.hypothetical.search(before) and not trig.future:
            return False
        if not trig.future:
            modal = list(self.rules.future.finditer(before))
            if modal and not any(k.future and k.start >= lo + modal[-1].start() for k in kept):
                if trig.type in _PROMISABLE and self._reported(text, lo, lo + modal[-1].start()):
                    # said it would withdraw / would aim to peak: the announced act
                    trig.type = trig.type if trig.type in ("withdrawal", "suspension") else "pledge"
                    trig.future = True
                    return True
                # a scheduled act (would sign …, will meet …) or a promised one already counted
                return False
        if trig.type == "agreement" and self.rules.needs_object.match(trig.word):
            rest = text[lo : _clause_end(clauses, trig.start)]
            named = any(
                m.category == THING and m.kind == "agreement" and lo <= m.start < lo + len(rest)
                for m in self._found_now
            )
            if not named and not re.search(
                r"agreement|accord|memorandum|mou|deal|treaty|protocol|amendment|contract|declaration|"
                r"statement|instrument|letter",
                rest,
                re.I,
            ):
                return False
        return True

    # ------------------------------------------------------------------ one event
    def _event(
        self,
        text: str,
        trig: _Trigger,
        triggers: list[_Trigger],
        dates: list[TimeExpr],
        inherited: tuple[str, str | None] | None,
        clauses: list[tuple[int, int]],
        found: list[Mention],
        memory: DocumentMemory,
    ) -> Event | None:
        lo, hi = _clause_start(clauses, trig.start), _clause_end(clauses, trig.start)
        if self._absorbed(text, trig, triggers):
            return None
        subject, objects = self._participants(text, trig, triggers, clauses, found, memory)
        time = _pick_date(text, trig, triggers, dates, lo, hi)
        event = Event(trig.type, trig.start, trig.end)
        if time is not None:
            event.date, event.date_end, event.precision = time.date, time.date_end, time.precision
        elif inherited is not None:
            event.date, event.date_end = inherited
        event.precision = event.precision or _precision(event.date)
        self._fill(event, text, subject + objects, found, lo, hi, trig, memory)
        if not event.actors:
            self._actors_from_context(event, text, trig, memory)
        event.type = self._settled_type(event, text, trig, lo, hi)
        event.title = text[lo:hi].strip(" ,;:.")[:120]
        event.text = text
        if trig.generic:
            self._generic.add(id(event))
        self._sentence_events.append(event)
        return event

    def _absorbed(self, text: str, trig: _Trigger, triggers: list[_Trigger]) -> bool:
        """The trigger is part of another act (or of a wish) told right next to it."""
        if trig.absorbable and any(_leads_to(text, trig, t) for t in triggers):
            return True  # agreed to set up … / announced that it was suspending …: the later act
        if trig.type == "meeting" and any(
            t.type in ("suspension", "withdrawal")
            and _leads_to(text, t, trig)
            and len(text[t.end : trig.start].split()) <= 3
            for t in triggers
        ):
            return True  # suspending climate talks: the talks are what is suspended
        if trig.generic and _WISH.match(text[trig.end : trig.end + 30]):
            return True  # said they wanted … to succeed: a wish
        if trig.word.lower().startswith("follow"):
            return True  # X followed: see _followed
        # "The withdrawal took effect": the withdrawal, not an agreement
        return bool(_IN_FORCE.match(trig.word)) and any(
            t.end <= trig.start and len(text[t.end : trig.start].split()) <= 2
            for t in triggers
            if t is not trig
        )

    def _actors_from_context(self, event: Event, text: str, trig: _Trigger, memory: DocumentMemory) -> None:
        """No actor in the act's own words: the subject of the act before in the sentence, or for
        "The withdrawal took effect …" the actors of the act of that type told before."""
        event.actors = [dict(a) for a in _sentence_subject(self._sentence_events)]
        if event.actors or not re.search(
            r"\b(?:the|this|that)\s+$", text[max(0, trig.start - 6) : trig.start], re.I
        ):
            return
        told = memory.last_of_type.get(event.type)
        if told is not None:
            event.actors = [dict(a) for a in told.actors]
            for record in told.things:
                _add(event.things, record)

    def _settled_type(self, event: Event, text: str, trig: _Trigger, lo: int, hi: int) -> str:
        if self.rules.mutual.match(trig.word):
            # a consent verb between two parties is an agreement; one party's is a statement
            return "agreement" if _two_parties(event.actors) else "statement"
        if not trig.generic or event.type != "statement":
            return event.type
        if self.rules.money.search(text[trig.end : hi]) or any(t["kind"] == "fund" for t in event.things):
            return "pledge"  # announced a 20 billion yuan fund: money promised
        if trig.word.lower().startswith("announc") and _TARGET_NOUNS.search(
            text[trig.end : self._scope(trig, lo, hi)[1]]
        ):
            return "pledge"  # announced their post-2020 climate targets
        return event.type

    def _participants(
        self,
        text: str,
        trig: _Trigger,
        triggers: list[_Trigger],
        clauses: list[tuple[int, int]],
        found: list[Mention],
        memory: DocumentMemory,
    ) -> tuple[list[Mention], list[Mention]]:
        lo, hi = _clause_start(clauses, trig.start), _clause_end(clauses, trig.start)
        prev = max((t.end for t in triggers if lo <= t.end <= trig.start and not t.generic), default=lo)
        nxt = min(
            (t.start for t in triggers if trig.end <= t.start < hi and t is not trig and not t.generic),
            default=hi,
        )
        agents = [m for m in found if m.category in (ACTOR, ROLE, PAIR)]
        subject = [m for m in agents if prev <= m.start and m.end <= trig.start]
        nominal = bool(_ARTICLE_BEFORE.search(text[max(lo, trig.start - 24) : trig.start]))
        if not subject and prev != lo and not nominal:
            # a visit to Taiwan by Pelosi: an act named by a noun has its own agent, not the clause's
            subject = [m for m in agents if lo <= m.start and m.end <= trig.start]
        if not subject and re.match(r"\W*(?:who|which)\b", text[lo:], re.I) and lo > 0:
            # President Trump, who announced …: the relative pronoun stands for the name before it
            before = [m for m in agents if m.end <= lo]
            if before:
                subject = [before[-1]]
        objects = [
            m
            for m in agents
            if trig.end <= m.start and m.end <= nxt and not _next_subject(text, m, triggers, hi)
        ]
        return subject, objects

    def _fill(
        self,
        event: Event,
        text: str,
        agents: list[Mention],
        found: list[Mention],
        lo: int,
        hi: int,
        trig: _Trigger,
        memory: DocumentMemory,
    ) -> None:
        """Actors, things and place of one act."""
        self._fill_actors(event, text, agents, lo, trig, memory)
        first, last = self._scope(trig, lo, hi)
        self._fill_things(event, found, lo, hi, first, last)
        self._referred_things(event, text, lo, hi, memory)
        if event.type == "meeting" and not event.location:
            event.location = _place(text[first:last], found)
        if event.type == "launch" and not event.things:
            named = _NOUN_PHRASE.match(text[trig.end : hi])
            if named and self.rules.launch_objects.search(named.group(1)):
                record = new_thing_record(named.group(1), _head_kind(named.group(1)))
                event.things.append(record)
                memory.last_things[record["kind"]] = record
        if event.type == "pledge" and not any(t["kind"] != "conference" for t in event.things):
            content = self._pledge_content(text, trig, hi)
            if content:
                event.things.append(new_thing_record(content, "plan"))

    def _fill_actors(
        self, event: Event, text: str, agents: list[Mention], lo: int, trig: _Trigger, memory: DocumentMemory
    ) -> None:
        for m in agents:
            for record in self._actor_records(m, text, event.date, memory, event, trig):
                _add(event.actors, record)
        if not any(m.end <= trig.start for m in agents):
            for record in self._pronoun_subject(text[lo : trig.start], memory, lo == 0):
                _add(event.actors, record)
        elif memory.speaker and re.search(r"\b(?:(?-i:I)|we)\b", text[lo : trig.start], re.I):
            _add(event.actors, memory.speaker)  # President Xi and I announced …

    def _fill_things(
        self, event: Event, found: list[Mention], lo: int, hi: int, first: int, last: int
    ) -> None:
        on = event.date
        for m in found:
            if m.category == THING and first <= m.start and m.end <= last:
                for record in self._things(m, on):
                    _add(event.things, record)
            elif m.category == SERIES and first <= m.start and m.end <= last:
                occasion = self._series(m, on)
                if occasion is not None:
                    _add(event.things, thing_record(occasion))
        if any(t["kind"] != "conference" for t in event.things):
            return
        # It was adopted … and entered into force …: the clause's subject is every verb's
        head = min((t.start for t in self._triggers_now if lo <= t.start < hi), default=hi)
        for m in found:
            if m.category == THING and lo <= m.start and m.end <= head and m.kind != "conference":
                for record in self._things(m, on):
                    _add(event.things, record)

    def _pledge_content(self, text: str, trig: _Trigger, hi: int) -> str:
        """What a pledge promises, in the text's words: "cut net greenhouse gas emissions 26-28
        percent below 2005 levels" (up to a clause break, "and", or a target date)."""
        modal = self.rules.future.match(text, trig.start) if trig.future else None
        act = modal.end() if modal else trig.start
        named = _PLEDGE_CONTENT.match(text[trig.end : hi])
        return text[act : trig.end + named.end()].strip() if named else ""

    def _scope(self, trig: _Trigger, lo: int, hi: int) -> tuple[int, int]:
        """Where an act's things are named: from the act before it in the clause to the act after."""
        others = [t for t in self._triggers_now if t is not trig and lo <= t.start < hi]
        first = max((t.end for t in others if t.end <= trig.start), default=lo)
        last = min((t.start for t in others if t.start >= trig.end), default=hi)
        return first, last

    def _actor_records(
        self,
        m: Mention,
        text: str,
        on: str | None,
        memory: DocumentMemory,
        event: Event,
        trig: _Trigger,
    ) -> list[dict[str, Any]]:
        if m.category == PAIR:
            if {"state:china", "state:united-states"} <= memory.states_seen and m.ids[
                0
            ] in self.knowledge.actors:
                return [actor_record(self.knowledge.actors[m.ids[0]])]
            return []
        if m.category == ROLE:
            if not on:
                return []
            return [actor_record(actor, title) for actor, title in self.knowledge.resolve_role(m.text, on)]
        actor = self.knowledge.actors[m.ids[0]]
        capital = self.rules.metonyms.get(m.text)
        if capital and capital in self.knowledge.actors:
            if _PLACE_BEFORE.search(text[max(0, m.start - 14) : m.start]):
                event.location = event.location or actor.name_en or actor.name
                if event.type == "meeting" and _VISIT.search(trig.word):
                    return [actor_record(self.knowledge.actors[capital])]  # the host of a visit
                return []
            return [actor_record(self.knowledge.actors[capital])]
        before = text[max(0, m.start - 20) : m.start]
        if actor.kind == "subnational" and (_PLACE_BEFORE.search(before) or _APPOSITION_PLACE.search(before)):
            event.location = event.location or actor.name_en or actor.name
            return []
        return [self._on_date(actor, on)]

    def _on_date(self, actor: Any, on: str | None) -> dict[str, Any]:
        key = (actor.id, on)
        if key not in self._titles:  # offices_held reads every term: once per person and date
            held = self.knowledge.offices_held(actor.id, on) if on and actor.kind == "person" else []
            self._titles[key] = held[0].title if held else ""
        return actor_record(actor, self._titles[key])

    def _took_office(self, text: str, found: list[Mention], memory: DocumentMemory) -> list[TimeExpr]:
        """On his first day in office → the day the person's latest term began (data/offices.toml)."""
        out = []
        for pattern, precision in ((self.rules.took_office_day, 10), (self.rules.took_office_month, 7)):
            for m in pattern.finditer(text):
                person = self._office_holder(text, m.start(), found, memory)
                start = self._term_start(person, memory) if person else None
                if start:
                    value = start[:precision]
                    precise = _precision(value) or "year"
                    out.append(
                        TimeExpr(m.start(), m.end(), m.group(), value, None, precise, True, None, False)
                    )  # type: ignore[arg-type]
        return out

    def _office_holder(self, text: str, pos: int, found: list[Mention], memory: DocumentMemory) -> str | None:
        persons = [m for m in found if m.category == ACTOR and m.kind == "person"]
        before = [m for m in persons if m.end <= pos]
        if before:
            return before[-1].ids[0]
        if persons:
            return persons[0].ids[0]
        if re.search(r"\b(?:my|I)\b", text[max(0, pos - 6) : pos + 40]) and memory.speaker:
            return memory.speaker["id"]
        return memory.last_person["id"] if memory.last_person else None

    def _term_start(self, person: str, memory: DocumentMemory) -> str | None:
        """Start of the person's latest term begun by the document's date."""
        bound = memory.doc_date
        best = None
        for office in self.knowledge.offices.values():
            for term in office.terms:
                if term.holder != person or (bound and term.start > bound):
                    continue
                if best is None or term.start > best:
                    best = term.start
        return best

    def _opening_reference(self, text: str, found: list[Mention], memory: DocumentMemory) -> list[Mention]:
        """ "It was adopted …" / "The agreement entered into force …" after a sentence that opened
        with a named thing: the pronoun or noun stands for that thing."""
        opening = re.match(
            r"\s*(It|This|The (?:agreement|accord|treaty|pact|statement|declaration|deal))\b", text
        )
        if opening is None or memory.opening_thing is None or any(m.start < opening.end() for m in found):
            return []
        thing = self.knowledge.things.get(memory.opening_thing)
        if thing is None:
            return []
        return [Mention(opening.start(1), opening.end(1), THING, (thing.id,), opening.group(1), thing.kind)]

    def _speaker(self, text: str, found: list[Mention], memory: DocumentMemory) -> dict[str, Any] | None:
        """The person a speech or statement is by, from its heading (Remarks by President Obama …)."""
        head = self.rules.speech_heads.search(text)
        if head is None:
            return None
        for m in found:
            if m.start < head.end():
                continue
            if m.category == ACTOR and self.knowledge.actors[m.ids[0]].kind == "person":
                return self._on_date(self.knowledge.actors[m.ids[0]], memory.doc_date)
            if m.category == ROLE and memory.doc_date:
                resolved = self.knowledge.resolve_role(m.text, memory.doc_date)
                if len(resolved) == 1:
                    return actor_record(*resolved[0])
        return None

    def _pronoun_subject(self, before: str, memory: DocumentMemory, opening: bool) -> list[dict[str, Any]]:
        words = list(_SUBJECT_PRONOUN.finditer(before))
        if not words:
            return list(memory.last_subject) if not before.strip() and not opening else []
        w = words[-1].group(1).lower()
        if w in ("i", "my", "we", "our") and memory.speaker:
            return [memory.speaker]
        if w in self.rules.person_pronouns and memory.last_person:
            return [memory.last_person]
        if w in ("it", "its"):
            if opening and memory.statement_just_named:
                return list(memory.last_subject)  # It (the statement just named) set up …
            return [memory.last_state] if memory.last_state else []
        return list(memory.last_subject)

    def _things(self, m: Mention, on: str | None) -> list[dict[str, Any]]:
        candidates = [self.knowledge.things[i] for i in m.ids if i in self.knowledge.things]
        if len(candidates) > 1:
            dated = [
                t for t in candidates if on and t.date and (t.date.startswith(on) or on.startswith(t.date))
            ]
            if len(dated) != 1:
                # ambiguous: the words of the text name the thing
                return [new_thing_record(m.text, candidates[0].kind)]
            candidates = dated
        return [thing_record(t) for t in candidates[:1]]

    def _series(self, m: Mention, on: str | None) -> Any:
        """The occasion of a series (the G20 summit) held closest to the date, within its window."""
        if not on:
            return None
        key = (m.ids[0], on)
        if key not in self._occasions:
            self._occasions[key] = self._closest_occasion(m, on)
        return self._occasions[key]

    def _closest_occasion(self, m: Mention, on: str) -> Any:
        series = next((s for s in self.rules.series if s.prefix == m.ids[0]), None)
        if series is None:
            return None
        first, last = iso_span(on)
        best, gap = None, series.days + 1
        for thing in self.knowledge.things.values():
            if not thing.id.startswith(series.prefix) or not thing.date:
                continue
            start, end = iso_span(thing.date)[0], iso_span(thing.date_end or thing.date)[1]
            distance = (
                0
                if start <= last and first <= end
                else min(abs((start - last).days), abs((first - end).days))
            )
            if distance < gap:
                best, gap = thing, distance
        return best

    def _referred_things(self, event: Event, text: str, lo: int, hi: int, memory: DocumentMemory) -> None:
        clause = text[lo:hi].lower()
        for found in self.rules.thing_reference.finditer(clause):
            phrase = found.group().lower()
            kind = self.rules.thing_references[phrase]
            statement = _STATEMENT_THING.search(phrase)
            thing = memory.last_statement if statement else memory.last_things.get(kind)
            if thing is not None:
                _add(event.things, thing)
        if (
            text.lstrip().startswith("It ")
            and lo == 0
            and memory.statement_just_named
            and memory.last_statement
        ):
            _add(event.things, memory.last_statement)  # It (the statement just named) operationalized …
        if event.type in ("ratification", "withdrawal") and not any(
            t["kind"] == "agreement" for t in event.things
        ):
            agreement = memory.last_things.get("agreement")
            if agreement is not None:
                _add(event.things, agreement)

    def _followed(
        self, text: str, found: list[Mention], dates: list[TimeExpr], memory: DocumentMemory
    ) -> list[Event]:
        """Beijing followed on June 30, 2015: the act just told, by another actor on its own date."""
        out = []
        for m in _FOLLOWED.finditer(text):
            subject = [
                a
                for a in found
                if a.category == ACTOR and a.end <= m.start() and not text[a.end : m.start()].strip(" ,")
            ]
            before = self._sentence_events[:-1] if self._sentence_events else []
            model = next(
                (e for e in reversed(self._sentence_events or memory.previous_events) if e.actors), None
            )
            del before
            if not subject or model is None:
                continue
            time = next((t for t in dates if t.start >= m.end()), None)
            event = Event(model.type, m.start(), m.end())
            if time is not None:
                event.date, event.date_end, event.precision = time.date, time.date_end, time.precision
            trig = _Trigger(m.start(), m.end(), model.type, m.group())
            for record in self._actor_records(subject[-1], text, event.date, memory, event, trig):
                _add(event.actors, record)
            event.things = [
                dict(t)
                for t in model.things
                if not t["id"].startswith("plan:") or t.get("wikidata") is not None
            ]
            event.title, event.text = text[subject[-1].start : m.end()], text
            out.append(event)
        return out

    # ------------------------------------------------------------------ named events
    def _named_events(
        self,
        text: str,
        found: list[Mention],
        triggers: list[_Trigger],
        dates: list[TimeExpr],
        inherited: tuple[str, str | None] | None,
        clauses: list[tuple[int, int]],
        memory: DocumentMemory,
    ) -> list[Event]:
        out: list[Event] = []
        for m in found:
            if m.category not in (THING, SERIES):
                continue
            lo, hi = _clause_start(clauses, m.start), _clause_end(clauses, m.start)
            if m.category == SERIES or self.knowledge.things[m.ids[0]].kind == "conference":
                if m.category == SERIES and not _SETTING_BEFORE.search(text[max(0, m.start - 40) : m.start]):
                    continue  # told the UN General Assembly: the audience, not an occasion held
                event = self._conference(m, dates, inherited, memory)
            elif _STATEMENT_THING.search(m.text) and not self.rules.hypothetical.search(text[lo : m.start]):
                pseudo = _Trigger(m.start, m.end, "statement", m.text)
                time = _pick_date(text, pseudo, triggers, dates, lo, hi)
                if time is None and inherited is None:
                    continue
                event = Event("statement", m.start, m.end)
                event.date, event.date_end = (time.date, time.date_end) if time else inherited  # type: ignore[misc]
                event.precision = _precision(event.date)
                subject, objects = self._participants(text, pseudo, triggers, clauses, found, memory)
                self._fill(event, text, subject, found, lo, hi, pseudo, memory)
                if not subject:
                    for record in self._pronoun_subject(text[lo : m.start], memory, False):
                        _add(event.actors, record)
            else:
                continue
            if event is not None:
                event.title, event.text = text[lo:hi].strip(" ,;:.")[:120], text
                out.append(event)
        return out

    def _conference(
        self,
        m: Mention,
        dates: list[TimeExpr],
        inherited: tuple[str, str | None] | None,
        memory: DocumentMemory,
    ) -> Event | None:
        near = dates[0].date if dates else (inherited[0] if inherited else None)
        thing = self._series(m, near) if m.category == SERIES else self.knowledge.things[m.ids[0]]
        if thing is None or not thing.date:
            return None
        if memory.doc_date and iso_span(thing.date)[0] > iso_span(memory.doc_date)[1]:
            return None  # a conference after the document is a plan
        event = Event(
            "conference", m.start, m.end, thing.date, thing.date_end or None, _precision(thing.date)
        )
        event.things.append(thing_record(thing))
        series = next((s for s in self.rules.series if thing.id.startswith(s.prefix)), None)
        if series is not None and series.actor in self.knowledge.actors:
            event.actors.append(actor_record(self.knowledge.actors[series.actor]))
        return event

    # ------------------------------------------------------------------ memory
    def _remember(
        self,
        text: str,
        found: list[Mention],
        events: list[Event],
        dates: list[TimeExpr],
        memory: DocumentMemory,
    ) -> None:
        for m in found:
            if m.category == THING:
                thing = self.knowledge.things[m.ids[0]]
                record = thing_record(thing)
                memory.last_things[thing.kind] = record
                if _STATEMENT_THING.search(m.text) or _STATEMENT_THING.search(thing.name_en):
                    memory.last_statement = record
            elif m.category == ACTOR:
                actor = self.knowledge.actors[m.ids[0]]
                if actor.kind == "person":
                    memory.last_person = actor_record(actor)
                elif actor.kind in ("state", "government_body") and m.text not in self.rules.metonyms:
                    memory.last_state = actor_record(actor)
        heads = [m for m in found if m.category == THING and len(text[: m.start].split()) <= 2]
        memory.opening_thing = heads[0].ids[0] if heads else None
        memory.statement_just_named = any(
            m.category == THING and _STATEMENT_THING.search(m.text) for m in found
        ) and bool(re.search(r"\b(?:was|were) (?:released|issued|published|adopted)\b", text))
        acting = [e for e in events if e.actors and e.type != "conference"]
        if acting:
            memory.last_subject = list(acting[-1].actors)
            persons = [a for a in acting[-1].actors if a["kind"] == "person"]
            if persons:
                memory.last_person = persons[-1]
        dated = [e for e in events if e.date and e.type != "conference"]
        if dated:
            memory.previous_date = (dated[-1].date, dated[-1].date_end)  # type: ignore[assignment]
        elif dates:
            memory.previous_date = (dates[-1].date, dates[-1].date_end)  # type: ignore[assignment]
        memory.previous_events = events
        for event in events:
            if event.actors:
                memory.last_of_type[event.type] = event


# ---------------------------------------------------------------------- helpers


def _clauses(text: str, times: list[TimeExpr]) -> list[tuple[int, int]]:
    """Clause spans; a comma or dash inside a date ("June 7-8, 2013") never cuts."""
    inside = [(t.start, t.end) for t in times]
    cuts = [0]
    for m in _CLAUSE.finditer(text):
        if any(s <= m.start() < e for s, e in inside):
            continue
        cuts.append(m.end())
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a] or [(0, len(text))]


def _clause_start(clauses: list[tuple[int, int]], pos: int) -> int:
    return next((s for s, e in clauses if s <= pos < e), clauses[-1][0])


def _clause_end(clauses: list[tuple[int, int]], pos: int) -> int:
    return next((e for s, e in clauses if s <= pos < e), clauses[-1][1])


def _pick_date(
    text: str,
    trig: _Trigger,
    triggers: list[_Trigger],
    dates: list[TimeExpr],
    lo: int,
    hi: int,
) -> TimeExpr | None:
    """Nearest date after the act in its clause with no other act between, else the nearest
    before it in the sentence, else the first after it."""
    others = [t for t in triggers if t is not trig and not t.generic and t.type != trig.type]
    inside = [t for t in dates if trig.start <= t.start and t.end <= trig.end]  # spoke today with …
    if inside:
        return inside[0]
    after = [t for t in dates if trig.end <= t.start < hi and ";" not in text[trig.end : t.start]]
    for t in after:
        if not any(trig.end <= o.start < t.start for o in others):
            return t
        break
    before = [t for t in dates if t.end <= trig.start]
    if before:
        return before[-1]
    rest = [t for t in dates if t.start >= trig.end]
    return rest[0] if rest else None


def _two_parties(actors: list[dict[str, Any]]) -> bool:
    return len(actors) >= 2 or any(a["kind"] == "coalition" for a in actors)


def _leads_to(text: str, first: _Trigger, then: _Trigger) -> bool:
    """``then`` follows ``first`` closely in one stretch of text (agreed to set up, announced on
    August 5 that it was suspending, signed the instrument … to rejoin)."""
    if then is first or then.start < first.end or then.absorbable and then.type == first.type:
        return False
    gap = text[first.end : then.start]
    if first.type == "policy" and then.type in ("ratification", "withdrawal"):
        # signed an executive order to rejoin …: the order is the treaty act
        return bool(re.fullmatch(r"\s*(?:\w+\s+){0,3}?to\s+", gap))
    return len(gap) <= 60 and not re.search(r"[,;:.]\s", gap) and then.type != first.type


def _next_subject(text: str, m: Mention, triggers: list[_Trigger], hi: int) -> bool:
    """ ", China's Foreign Ministry announced": after a comma and right before the next act, an
    actor is that act's subject, not an object of the act before."""
    nxt = min((t.start for t in triggers if t.start >= m.end), default=hi)
    return nxt < hi and text[: m.start].rstrip().endswith(",") and len(text[m.end : nxt].split()) <= 3


_PLACE_NAME = re.compile(r"\b(?:in|at|to) ((?:[A-Z][a-z]+|[A-Z]\.)(?:[ -](?:[A-Z][a-z]+|el|al))*)")
_NOT_PLACE = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|Their|His|Her)\b"
)


def _place(scope: str, found: list[Mention]) -> str | None:
    """Where a meeting was held when the gazetteer does not know the place: "met in Bali",
    "talks in San Francisco", "a trip to Taiwan" (a capitalised name after in/at/to that is no month,
    day or actor)."""
    for m in _PLACE_NAME.finditer(scope):
        name = m.group(1)
        if _NOT_PLACE.match(name) or any(f.text == name for f in found if f.category != ACTOR):
            continue
        return name
    return None


def _sentence_subject(events: list[Event]) -> list[dict[str, Any]]:
    """The actors of the last act of the sentence so far: a clause without a subject continues it."""
    for event in reversed(events):
        if event.actors:
            return event.actors
    return []


_HEADS = (
    ("group", "mechanism"),
    ("mechanism", "mechanism"),
    ("dialogue", "mechanism"),
    ("channel", "mechanism"),
    ("task force", "mechanism"),
    ("fund", "fund"),
    ("facility", "fund"),
    ("plan", "plan"),
    ("strategy", "plan"),
)


def _head_kind(phrase: str) -> str:
    lower = phrase.lower()
    return next((kind for head, kind in _HEADS if head in lower), "initiative")


def _precision(value: str | None) -> str | None:
    if not value:
        return None
    return {4: "year", 7: "month"}.get(len(value), "day")


def _add(records: list[dict[str, Any]], record: dict[str, Any]) -> None:
    if all(record["id"] != r["id"] for r in records):
        records.append(record)


def _ids(event: Event) -> set[str]:
    return {a["id"] for a in event.actors}


def _merge(events: list[Event], clauses: list[tuple[int, int]], generic: set[int]) -> list[Event]:
    """In one sentence: one event per type and date in one clause, or with shared (or missing)
    participants, unless both name different things (two pledges of one joint announcement); a
    saying verb with the same date and participants as another act is part of that act."""
    out: list[Event] = []
    for event in events:
        twin = next(
            (
                o
                for o in out
                if o.type == event.type
                and _same_time(o, event)
                and (
                    _clause_start(clauses, o.start) == _clause_start(clauses, event.start)
                    or not _ids(o)
                    or not _ids(event)
                    or _ids(o) & _ids(event)
                )
                and not _distinct_things(o, event)
            ),
            None,
        )
        if twin is not None:
            merge_participants(twin, event)
            continue
        out.append(event)
    kept = []
    for event in out:
        if (
            event.type == "statement"
            and (not event.things or id(event) in generic)
            and any(
                o is not event and o.type != "conference" and _same_time(o, event) and _ids(event) <= _ids(o)
                for o in out
            )
        ):
            continue
        kept.append(event)
    return kept


def _distinct_things(a: Event, b: Event) -> bool:
    ta = {t["id"] for t in a.things if t["kind"] != "conference"}
    tb = {t["id"] for t in b.things if t["kind"] != "conference"}
    return bool(ta and tb and not ta & tb)


def _same_time(a: Event, b: Event) -> bool:
    if not a.date or not b.date:
        return a.date == b.date
    return a.date.startswith(b.date) or b.date.startswith(a.date)
