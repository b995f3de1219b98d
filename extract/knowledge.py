"""Curated domain knowledge: actors, things, offices, role phrases and milestones.

Everything here is read from reviewed TOML files under ``data/`` (see
docs/architecture.md); this module only loads, validates and answers questions
about them. It is called at extractor start-up, so it is cached per directory.
"""

from __future__ import annotations

import calendar
import functools
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

ACTOR_KINDS = frozenset(
    {"person", "state", "government_body", "organization", "subnational", "company", "coalition"}
)
THING_KINDS = frozenset({"agreement", "initiative", "mechanism", "plan", "conference", "fund"})
EVENT_TYPES = frozenset(
    {
        "meeting",
        "statement",
        "agreement",
        "ratification",
        "withdrawal",
        "pledge",
        "launch",
        "policy",
        "conference",
        "funding",
        "suspension",
    }
)
PRECISIONS = frozenset({"day", "month", "year"})

ACTORS_FILE = "actors.toml"
# Things may live in several files; conferences are kept apart from agreements
# because they are owned and reviewed separately.
THING_FILES = ("agreements.toml", "conferences.toml")
OFFICES_FILE = "offices.toml"
MILESTONES_FILE = "milestones.toml"

_ID_RE = re.compile(r"^(?P<prefix>[a-z_]+):[a-z0-9][a-z0-9-]*$")
_MILESTONE_ID_RE = re.compile(r"^ms-[a-z0-9][a-z0-9-]*$")
_ISO_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
# An open term (a holder still in office) ends after any date the texts can name.
_OPEN_END = date(9999, 12, 31)


class KnowledgeError(ValueError):
    """A data file is missing a field, refers to an unknown id or is malformed."""


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    name_en: str
    kind: str
    wikidata: str
    aliases: tuple[str, ...]
    member_of: tuple[str, ...]
    led_by: str
    source: str


@dataclass(frozen=True)
class Thing:
    id: str
    name: str
    name_en: str
    kind: str
    wikidata: str
    aliases: tuple[str, ...]
    date: str
    date_end: str
    place: str
    source: str


@dataclass(frozen=True)
class Term:
    office_id: str
    holder: str
    start: str
    end: str  # "" while the holder is still in office; the successor's first day otherwise
    source: str


@dataclass(frozen=True)
class Office:
    id: str
    title: str
    title_en: str
    aliases: tuple[str, ...]
    body: str
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class RolePhrase:
    phrases: tuple[str, ...]
    offices: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Milestone:
    id: str
    date: str
    date_end: str
    precision: str
    type: str
    title: str
    title_en: str
    actors: tuple[str, ...]
    things: tuple[str, ...]
    place: str
    alt_dates: tuple[str, ...]
    source: str
    note: str = ""


def iso_span(value: str) -> tuple[date, date]:
    """First and last day covered by an ISO date of year, month or day precision."""
    match = _ISO_RE.match(value)
    if not match:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year = int(match["y"])
    if match["m"] is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(match["m"])
    if match["d"] is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(year, month, int(match["d"]))
    return day, day


def iso_precision(value: str) -> str:
    """``day``, ``month`` or ``year`` according to the form of an ISO date."""
    iso_span(value)  # validates
    return {4: "year", 7: "month", 10: "day"}[len(value)]


@dataclass
class Knowledge:
    actors: dict[str, Actor]
    things: dict[str, Thing]
    offices: dict[str, Office]
    role_phrases: list[RolePhrase]
    milestones: list[Milestone]
    # phrase -> office ids, built once; role phrases (groups) and office titles/aliases alike
    _phrase_offices: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self._phrase_offices:
            self._phrase_offices = _phrase_index(self.offices, self.role_phrases)

    def holders(self, office_id: str, on: str) -> list[Actor]:
        """Who held the office on an ISO date of any precision.

        A term covers ``start`` up to the day before ``end`` (the successor's
        first day belongs to the successor, so a 2021-01-20 event finds Biden
        only); a month or year that overlaps a term counts, so both holders come
        back for a month in which the office changed hands.
        """
        office = self.offices.get(office_id)
        if office is None:
            raise KeyError(f"unknown office {office_id!r}")
        first, last = iso_span(on)
        found: list[Actor] = []
        for term in office.terms:
            start, stop = _term_span(term)
            if first < stop and last >= start and self.actors[term.holder] not in found:
                found.append(self.actors[term.holder])
        return found

    def resolve_role(self, phrase: str, on: str) -> list[tuple[Actor, str]]:
        """Actors named by a role phrase on a date, each with the office title.

        ``美国国务卿`` → the Secretary of State of that date; ``中美两国元首`` →
        the two presidents; an unknown phrase → ``[]``.
        """
        resolved: list[tuple[Actor, str]] = []
        for office_id in self._phrase_offices.get(_normalise_phrase(phrase), ()):
            title = self.offices[office_id].title
            for actor in self.holders(office_id, on):
                if all(actor.id != seen.id for seen, _ in resolved):
                    resolved.append((actor, title))
        return resolved

    def role_phrase_offices(self) -> dict[str, tuple[str, ...]]:
        """Every phrase that names an office or a group of offices, for the extractor's matcher."""
        return dict(self._phrase_offices)

    def offices_held(self, actor_id: str, on: str) -> list[Office]:
        """Offices an actor held on a date (any precision), in file order."""
        first, last = iso_span(on)
        held = []
        for office in self.offices.values():
            for term in office.terms:
                if term.holder != actor_id:
                    continue
                start, stop = _term_span(term)
                if first < stop and last >= start:
                    held.append(office)
                    break
        return held


@functools.lru_cache(maxsize=4096)  # terms are frozen and few; events ask for them constantly
def _term_span(term: Term) -> tuple[date, date]:
    """Start day and exclusive stop day of a term.

    A day-precision end is the successor's first day, hence exclusive. When only
    the month or year of a start or end is published, the term is stretched to
    the whole period, so that a date inside it still finds the holder.
    """
    start = iso_span(term.start)[0]
    if not term.end:
        return start, _OPEN_END
    first, last = iso_span(term.end)
    stop = first if iso_precision(term.end) == "day" else last + timedelta(days=1)
    return start, stop


def _normalise_phrase(phrase: str) -> str:
    return re.sub(r"\s+", "", phrase).strip("《》“”\"'").casefold()


def _phrase_index(offices: dict[str, Office], role_phrases: list[RolePhrase]) -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for office in offices.values():
        for phrase in (office.title, *office.aliases):
            key = _normalise_phrase(phrase)
            # An alias shared by two offices stays ambiguous: it resolves to both.
            if key and office.id not in index.get(key, ()):
                index[key] = (*index.get(key, ()), office.id)
    for group in role_phrases:
        for phrase in group.phrases:
            index[_normalise_phrase(phrase)] = group.offices
    return index


# --------------------------------------------------------------------------- loading


def default_knowledge_dir() -> Path:
    """The knowledge folder shipped with the package (``policygraph.data``, the repository's
    data/ folder); ``POLICYGRAPH_RESOURCES`` names another one.

    Read through importlib.resources so that an installed wheel finds its own copy; the
    package is always installed as plain files (no zip), so the folder is a real path,
    which tomllib, spaCy and the fingerprint need.
    """
    override = os.environ.get("POLICYGRAPH_RESOURCES")
    if override:
        return Path(override).expanduser()
    return Path(str(resources.files("policygraph.data")))


# the former name, for callers on other branches not yet renamed (structure review point 2)
default_data_dir = default_knowledge_dir


def bundled_corpus_dir() -> Path:
    """The bundled documents and their ``catalog.json`` (``corpus/`` of the knowledge folder)."""
    return default_knowledge_dir() / "corpus"


_CACHE: dict[tuple[str, tuple[int, ...]], Knowledge] = {}


def load_knowledge(knowledge_dir: Path | None = None) -> Knowledge:
    """Load and validate every knowledge file of ``knowledge_dir`` (cached until a file changes)."""
    folder = Path(knowledge_dir) if knowledge_dir is not None else default_knowledge_dir()
    names = (ACTORS_FILE, *THING_FILES, OFFICES_FILE, MILESTONES_FILE)
    stamps = tuple((folder / name).stat().st_mtime_ns if (folder / name).exists() else -1 for name in names)
    key = (str(folder.resolve()), stamps)
    if key not in _CACHE:
        _CACHE[key] = _load(folder)
    return _CACHE[key]


class _Row:
    """One TOML table with the file and row label used in every error message."""

    def __init__(self, path: Path, label: str, data: dict[str, Any], allowed: frozenset[str] | None):
        self.where = f"data/{path.name}: {label}"
        self.data = data
        if allowed is not None:
            unknown = sorted(set(data) - allowed)
            if unknown:
                self.fail(f"unknown field(s) {', '.join(unknown)}")

    def fail(self, message: str) -> None:
        raise KnowledgeError(f"{self.where}: {message}")

    def text(self, name: str, required: bool = True) -> str:
        value = self.data.get(name, "")
        if not isinstance(value, str):
            self.fail(f"{name} must be a string, got {value!r}")
        value = value.strip()
        if required and not value:
            self.fail(f"missing {name}")
        return value

    def texts(self, name: str, required: bool = False) -> tuple[str, ...]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.fail(f"{name} must be a list of non-empty strings")
        if required and not value:
            self.fail(f"{name} must not be empty")
        return tuple(item.strip() for item in value)

    def iso(self, name: str, required: bool = True) -> str:
        value = self.text(name, required)
        if value:
            try:
                iso_span(value)
            except ValueError as error:  # bad format or impossible calendar date
                self.fail(f"{name} {value!r}: {error}")
        return value

    def ident(self, name: str, kinds: frozenset[str]) -> str:
        value = self.text(name)
        match = _ID_RE.match(value)
        if not match:
            self.fail(f"{name} {value!r} is not 'kind:ascii-slug'")
        kind = self.text("kind") if "kind" in self.data else None
        if kind is not None and kind not in kinds:
            self.fail(f"kind {kind!r} is not one of {', '.join(sorted(kinds))}")
        if kind is not None and match["prefix"] != kind:
            self.fail(f"{name} {value!r} does not start with its kind {kind!r}")
        return value


def _label(table: str, number: int, data: dict[str, Any]) -> str:
    """``milestone ms-…`` when the row has a usable id, else ``milestone #12`` (its position)."""
    ident = data.get("id")
    return f"{table} {ident}" if isinstance(ident, str) and ident.strip() else f"{table} #{number}"


def _read(path: Path, table: str) -> list[tuple[Path, int, dict[str, Any]]]:
    if not path.exists():
        return []
    try:
        with path.open("rb") as handle:
            content = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise KnowledgeError(f"data/{path.name}: not valid TOML: {error}") from error
    rows = content.get(table, [])
    if not isinstance(rows, list):
        raise KnowledgeError(f"data/{path.name}: [{table}] must be an array of tables ([[{table}]])")
    return [(path, number, row) for number, row in enumerate(rows, start=1)]


def _load(folder: Path) -> Knowledge:
    if not folder.is_dir():
        raise KnowledgeError(f"knowledge folder {folder} does not exist")
    seen: dict[str, str] = {}

    def claim(row: _Row, ident: str) -> None:
        if ident in seen:
            row.fail(f"duplicate id {ident} (first defined in {seen[ident]})")
        seen[ident] = row.where

    actors = _load_actors(folder, claim)
    things = _load_things(folder, claim)
    offices, role_phrases = _load_offices(folder, claim, actors)
    milestones = _load_milestones(folder, claim, actors, things)
    return Knowledge(actors, things, offices, role_phrases, milestones)


def _load_actors(folder: Path, claim) -> dict[str, Actor]:
    rows: list[tuple[_Row, Actor]] = []
    entries = [entry for path in actor_files(folder) for entry in _read(path, "actor")]
    for path, number, data in entries:
        row = _Row(path, _label("actor", number, data), data, None)
        actor = Actor(
            id=row.ident("id", ACTOR_KINDS),
            name=row.text("name"),
            name_en=row.text("name_en"),
            kind=row.text("kind"),
            wikidata=row.text("wikidata", required=False),
            aliases=row.texts("aliases"),
            member_of=row.texts("member_of"),
            led_by=row.text("led_by", required=False),
            source=row.text("source"),
        )
        claim(row, actor.id)
        rows.append((row, actor))
    actors = {actor.id: actor for _, actor in rows}
    for row, actor in rows:  # references are checked once every actor is known
        for other in (*actor.member_of, *([actor.led_by] if actor.led_by else [])):
            if other not in actors:
                row.fail(f"unknown actor {other}")
    return actors


def actor_files(folder: Path) -> list[Path]:
    """actors.toml, then the further gazetteer files actors_*.toml (people, places, companies…)."""
    return [folder / ACTORS_FILE, *sorted(folder.glob("actors_*.toml"))]


def _load_things(folder: Path, claim) -> dict[str, Thing]:
    things: dict[str, Thing] = {}
    for name in THING_FILES:
        for path, number, data in _read(folder / name, "thing"):
            row = _Row(path, _label("thing", number, data), data, None)
            thing = Thing(
                id=row.ident("id", THING_KINDS),
                name=row.text("name"),
                name_en=row.text("name_en"),
                kind=row.text("kind"),
                wikidata=row.text("wikidata", required=False),
                aliases=row.texts("aliases"),
                date=row.iso("date", required=False),
                date_end=row.iso("date_end", required=False),
                place=row.text("place", required=False),
                source=row.text("source"),
            )
            if thing.date_end and (not thing.date or iso_span(thing.date_end)[1] < iso_span(thing.date)[0]):
                row.fail(f"date_end {thing.date_end} without a date before it")
            claim(row, thing.id)
            things[thing.id] = thing
    return things


_OFFICE_FIELDS = frozenset({"id", "title", "title_en", "aliases", "body", "terms", "note", "source"})
_TERM_FIELDS = frozenset({"holder", "start", "end", "source", "note"})
_ROLE_FIELDS = frozenset({"phrases", "offices", "source", "note"})


def _load_offices(
    folder: Path, claim, actors: dict[str, Actor]
) -> tuple[dict[str, Office], list[RolePhrase]]:
    path = folder / OFFICES_FILE
    offices: dict[str, Office] = {}
    for _, number, data in _read(path, "office"):
        row = _Row(path, _label("office", number, data), data, _OFFICE_FIELDS)
        office_id = row.ident("id", frozenset({"office"}))
        if not office_id.startswith("office:"):
            row.fail(f"id {office_id!r} must start with 'office:'")
        body = row.text("body")
        if body not in actors:
            row.fail(f"unknown actor {body} (body)")
        raw_terms = data.get("terms", [])
        if not isinstance(raw_terms, list) or not all(isinstance(term, dict) for term in raw_terms):
            row.fail("terms must be a list of inline tables")
        terms = tuple(
            _load_term(path, office_id, index, term, actors) for index, term in enumerate(raw_terms, 1)
        )
        _check_sequence(row, terms)
        office = Office(office_id, row.text("title"), row.text("title_en"), row.texts("aliases"), body, terms)
        claim(row, office.id)
        offices[office.id] = office
    role_phrases = []
    for _, number, data in _read(path, "role_phrase"):
        row = _Row(path, f"role_phrase #{number}", data, _ROLE_FIELDS)
        group = RolePhrase(
            row.texts("phrases", required=True), row.texts("offices", required=True), row.text("source")
        )
        for office_id in group.offices:
            if office_id not in offices:
                row.fail(f"unknown office {office_id}")
        role_phrases.append(group)
    return offices, role_phrases


def _load_term(
    path: Path, office_id: str, index: int, data: dict[str, Any], actors: dict[str, Actor]
) -> Term:
    row = _Row(path, f"office {office_id} term #{index} {data.get('holder', '?')}", data, _TERM_FIELDS)
    term = Term(
        office_id, row.text("holder"), row.iso("start"), row.iso("end", required=False), row.text("source")
    )
    if term.holder not in actors:
        row.fail(f"unknown actor {term.holder}")
    if term.end and iso_span(term.end)[1] <= iso_span(term.start)[0]:
        row.fail(f"end {term.end} is not after start {term.start}")
    return term


def _check_sequence(row: _Row, terms: tuple[Term, ...]) -> None:
    """Terms of one office must be in order and must not overlap (a day of handover is fine)."""
    for earlier, later in zip(terms, terms[1:], strict=False):
        if iso_span(later.start)[0] < iso_span(earlier.start)[0]:
            row.fail(
                f"terms out of order: {later.holder} {later.start} before {earlier.holder} {earlier.start}"
            )
        if not earlier.end:
            row.fail(f"term of {earlier.holder} has no end but {later.holder} follows")
        if iso_span(later.start)[0] < iso_span(earlier.end)[0]:
            row.fail(
                f"terms overlap: {earlier.holder} until {earlier.end}, {later.holder} from {later.start}"
            )


_MILESTONE_FIELDS = frozenset(
    {
        "id",
        "date",
        "date_end",
        "precision",
        "type",
        "title",
        "title_en",
        "actors",
        "things",
        "place",
        "alt_dates",
        "source",
        "note",
    }
)


def _load_milestones(
    folder: Path, claim, actors: dict[str, Actor], things: dict[str, Thing]
) -> list[Milestone]:
    path = folder / MILESTONES_FILE
    milestones = []
    for _, number, data in _read(path, "milestone"):
        row = _Row(path, _label("milestone", number, data), data, _MILESTONE_FIELDS)
        milestone = Milestone(
            id=row.text("id"),
            date=row.iso("date"),
            date_end=row.iso("date_end", required=False),
            precision=row.text("precision"),
            type=row.text("type"),
            title=row.text("title"),
            title_en=row.text("title_en"),
            actors=row.texts("actors", required=True),
            things=row.texts("things"),
            place=row.text("place", required=False),
            alt_dates=row.texts("alt_dates"),
            source=row.text("source"),
            note=row.text("note", required=False),
        )
        if not _MILESTONE_ID_RE.match(milestone.id):
            row.fail("id must look like ms-YYYY-MM-DD-ascii-slug")
        if milestone.type not in EVENT_TYPES:
            row.fail(f"type {milestone.type!r} is not one of {', '.join(sorted(EVENT_TYPES))}")
        if milestone.precision not in PRECISIONS:
            row.fail(f"precision {milestone.precision!r} is not day, month or year")
        if iso_precision(milestone.date) != milestone.precision:
            row.fail(f"date {milestone.date} does not have precision {milestone.precision}")
        if milestone.date_end and iso_span(milestone.date_end)[0] <= iso_span(milestone.date)[0]:
            row.fail(f"date_end {milestone.date_end} is not after date {milestone.date}")
        for value in milestone.alt_dates:
            try:
                iso_span(value)
            except ValueError as error:
                row.fail(f"alt_dates: {error}")
        for actor_id in milestone.actors:
            if actor_id not in actors:
                row.fail(f"unknown actor {actor_id}")
        for thing_id in milestone.things:
            if thing_id not in things:
                row.fail(f"unknown thing {thing_id}")
        claim(row, milestone.id)
        milestones.append(milestone)
    milestones.sort(key=lambda item: (item.date, item.id))
    return milestones


# --------------------------------------------------------------------------- records


def actor_record(actor: Actor, role: str = "") -> dict[str, Any]:
    """An actor as it appears in event records (docs/architecture.md)."""
    return {
        "id": actor.id,
        "name": actor.name,
        "name_en": actor.name_en,
        "kind": actor.kind,
        "role": role,
        "wikidata": actor.wikidata,
        "aliases": list(actor.aliases),
    }


def thing_record(thing: Thing) -> dict[str, Any]:
    """An agreement, initiative, … as it appears in event records."""
    return {
        "id": thing.id,
        "name": thing.name,
        "name_en": thing.name_en,
        "kind": thing.kind,
        "wikidata": thing.wikidata,
        "aliases": list(thing.aliases),
    }


def _actor_record_on(knowledge: Knowledge, actor: Actor, on: str) -> dict[str, Any]:
    held = knowledge.offices_held(actor.id, on) if actor.kind == "person" else []
    return actor_record(actor, held[0].title if held else "")


def curated_records(knowledge: Knowledge) -> list[dict[str, Any]]:
    """The milestones as event records (docs/architecture.md) with origin ``curated``."""
    records = []
    for milestone in knowledge.milestones:
        records.append(
            {
                "doc": None,
                "event_id": milestone.id,
                "origin": "curated",
                "date": milestone.date,
                "date_end": milestone.date_end or None,
                "precision": milestone.precision,
                "alt_dates": list(milestone.alt_dates),
                "type": milestone.type,
                "title": milestone.title,
                "title_en": milestone.title_en,
                "actors": [
                    _actor_record_on(knowledge, knowledge.actors[a], milestone.date) for a in milestone.actors
                ],
                "things": [thing_record(knowledge.things[t]) for t in milestone.things],
                "location": milestone.place or None,
                "evidence": None,
                "source": milestone.source,
                "note": milestone.note or None,
            }
        )
    return records


def reference_records(knowledge: Knowledge) -> dict[str, list[dict[str, Any]]]:
    """The reviewed data as plain records for the graph stage, which knows nothing of this
    module's classes: actors (with memberships and leaders), things, offices with their terms,
    and the curated milestones (``curated_records``)."""
    actors = [
        {
            **actor_record(actor),
            "member_of": list(actor.member_of),
            "led_by": actor.led_by or None,
            "source": actor.source,
        }
        for actor in knowledge.actors.values()
    ]
    for actor in actors:
        del actor["role"]
    things = [
        {
            **thing_record(thing),
            "date": thing.date or None,
            "date_end": thing.date_end or None,
            "place": thing.place or None,
            "source": thing.source,
        }
        for thing in knowledge.things.values()
    ]
    offices = [
        {
            "id": office.id,
            "title": office.title,
            "title_en": office.title_en,
            "body": office.body,
            "terms": [
                {"holder": t.holder, "start": t.start, "end": t.end or None, "source": t.source}
                for t in office.terms
            ],
        }
        for office in knowledge.offices.values()
    ]
    return {"actors": actors, "things": things, "offices": offices, "milestones": curated_records(knowledge)}


def days_between(first: str, second: str) -> int:
    """Days from the first day of ``first`` to the first day of ``second`` (for date-window matching)."""
    return (iso_span(second)[0] - iso_span(first)[0]) // timedelta(days=1)


# --------------------------------------------------------------------------- docs


def milestones_markdown(knowledge: Knowledge) -> str:
    """docs/milestones.md: the milestones as a readable table with their sources.

    Regenerate with ``python -m policygraph.extract.knowledge > docs/milestones.md``.
    """
    counts: dict[str, int] = {}
    for milestone in knowledge.milestones:
        counts[milestone.type] = counts.get(milestone.type, 0) + 1
    first, last = knowledge.milestones[0].date, knowledge.milestones[-1].date
    lines = [
        "# Curated milestones of US–China climate diplomacy",
        "",
        "Generated from `data/milestones.toml` (the reviewed source; edit that file, then run",
        "`python -m policygraph.extract.knowledge > docs/milestones.md`).",
        'Each row becomes an `origin: "curated"` event through `policygraph.extract.curated_records()`;',
        "an extracted mention that matches a milestone carries the milestone's `id` as its `event_id`.",
        "",
        f"{len(knowledge.milestones)} milestones, {first} → {last}. By type: "
        + ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
        + ".",
        "",
        "Dates are at the precision known; *other dates* are those reported by other sources (time",
        "zones, announcement vs. signature), explained in the note. Conference dates are as held,",
        "including overruns (the scheduled end is noted in `data/conferences.toml`).",
        "",
        "| date | type | event | participants | place | source |",
        "|---|---|---|---|---|---|",
    ]

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    for milestone in knowledge.milestones:
        when = milestone.date + (f" – {milestone.date_end}" if milestone.date_end else "")
        event = f"{cell(milestone.title)}<br>*{cell(milestone.title_en)}*"
        if milestone.alt_dates:
            event += f"<br>other dates: {', '.join(milestone.alt_dates)}"
        if milestone.note:
            event += f"<br>note: {cell(milestone.note)}"
        people = ", ".join(knowledge.actors[actor].name_en for actor in milestone.actors)
        host = milestone.source.split("/")[2] if "://" in milestone.source else milestone.source
        lines.append(
            f"| {when} | {milestone.type} | {event} | {cell(people)} | {milestone.place} "
            f"| [{host}]({milestone.source}) |"
        )
    lines += ["", "Ids (stable, used as `event_id`):", ""]
    lines += [f"- `{milestone.id}`" for milestone in knowledge.milestones]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(milestones_markdown(load_knowledge()), end="")
