"""Matching a document's records against the events the graph already holds.

An extracted record names one real event; the same event may already be in the graph, as a
curated milestone or as the event of another document. Matching happens here, when the
document is loaded, and not in the extractor's memory, so the graph does not depend on which
documents were ingested together or in which order (`ingest d; ingest c` == `ingest c d`).

A record and an event are the same real event when
- their types are of one family (a pledge restated as a policy, a statement as an agreement),
- their dates are compatible: one span lies inside the other (`2016-09` and `2016-09-03`; two
  different days are two events), against any date reported for the event,
- and they share what the event is about: an agreement or scheme (when both name one, they
  must share it), or else a specific participant (a person, body, organisation, province or
  company: not a state or a coalition, which take part in nearly everything); when both name
  specific participants, one must be shared (Delta's and Xi's 2020 pledges are two events).
  Failing that, two mentions of the same type dated to the same month or day by the same
  states are one event ("2014年11月，中美两国联合宣布…").

Among several fitting events the best score wins (shared things count double), then a
curated one, then the smallest id, so the choice never depends on arrival order.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from policygraph.graph.dates import event_span, parse_span

# Types that one real event is reported under in different texts.
TYPE_FAMILIES = {
    "meeting": "gathering",
    "conference": "gathering",
    "statement": "accord",
    "agreement": "accord",
    "pledge": "commitment",
    "policy": "commitment",
    "ratification": "ratification",
    "withdrawal": "withdrawal",
    "suspension": "suspension",
    "launch": "launch",
    "funding": "funding",
}
# Actor kinds too general to tell two events apart.
WEAK_ACTOR_KINDS = frozenset({"state", "coalition"})
# An event that contains a record's span starts at most this long before it (a month, a
# conference of some weeks), or on 1 January of its year (a year-precision event).
_LOOKBACK = timedelta(days=45)


def family(event_type: str | None) -> str:
    return TYPE_FAMILIES.get(event_type or "", event_type or "")


@dataclass
class Candidate:
    """What matching needs of one event (graph node or a record of the document being loaded)."""

    id: str
    type: str
    origin: str
    spans: list[tuple[date, date]]
    specific: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)
    things: set[str] = field(default_factory=set)

    def absorb(self, record: dict) -> None:
        """The record is now a mention of this event: its dates and participants count too."""
        self.spans.extend(record_spans(record))
        specific, weak = split_actors(record.get("actors") or [])
        self.specific |= specific
        self.weak |= weak
        self.things |= {t["id"] for t in record.get("things") or [] if t.get("id")}


def split_actors(actors: Iterable[dict]) -> tuple[set[str], set[str]]:
    specific, weak = set(), set()
    for actor in actors:
        if actor.get("id"):
            (weak if actor.get("kind") in WEAK_ACTOR_KINDS else specific).add(actor["id"])
    return specific, weak


def record_spans(record: dict) -> list[tuple[date, date]]:
    spans = [event_span(record.get("date"), record.get("date_end"))]
    spans += [parse_span(d) for d in record.get("alt_dates") or [] if d]
    return spans


def record_candidate(record: dict, event_id: str) -> Candidate:
    candidate = Candidate(event_id, record.get("type") or "", record.get("origin") or "extracted", [])
    candidate.absorb(record)
    return candidate


def windows(record: dict) -> list[tuple[date, date]]:
    """The date_start ranges of the events that may contain, or lie inside, the record's span:
    from a little before its start to its end, and 1 January of its year. Narrow on purpose:
    each range is one indexed lookup, and few candidates come back even in a large graph."""
    first, last = event_span(record.get("date"), record.get("date_end"))
    ranges = [(first - _LOOKBACK, last)]
    new_year = date(first.year, 1, 1)
    if new_year < ranges[0][0]:
        ranges.append((new_year, new_year))
    return ranges


def _nested(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """One span inside the other (a month and a day of it; not two different days)."""
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _precise(span: tuple[date, date]) -> bool:
    return (span[1] - span[0]).days <= 31


def score(record: dict, candidate: Candidate) -> int | None:
    """How well an event fits a record; None when it cannot be the same real event."""
    if family(record.get("type")) != family(candidate.type):
        return None
    spans = record_spans(record)
    main = spans[0]
    if not any(_nested(span, other) for span in spans for other in candidate.spans):
        return None
    things = {t["id"] for t in record.get("things") or [] if t.get("id")}
    specific, weak = split_actors(record.get("actors") or [])
    shared_specific = specific & candidate.specific
    if specific and candidate.specific and not shared_specific:
        return None
    if things and candidate.things:
        shared_things = things & candidate.things
        if not shared_things:
            return None
        return 2 * len(shared_things) + len(shared_specific) + (record.get("type") == candidate.type)
    if shared_specific:
        precise = _precise(main) and any(_precise(s) for s in candidate.spans)
        if (things or candidate.things) and not precise:
            return None  # "2023" with a named agreement vs "2023-09" with none: not enough
        return len(shared_specific) + (record.get("type") == candidate.type)
    if (
        not things
        and not candidate.things
        and record.get("type") == candidate.type
        and weak & candidate.weak
        and _precise(main)
        and any(_precise(s) and _nested(main, s) for s in candidate.spans)
    ):
        return 0
    return None


def best_match(record: dict, candidates: Iterable[Candidate]) -> Candidate | None:
    fits = [(fit, c) for c in candidates if (fit := score(record, c)) is not None]
    if not fits:
        return None
    fits.sort(key=lambda item: (-item[0], item[1].origin != "curated", item[1].id))
    return fits[0][1]


_WINDOW_HITS = (
    "UNWIND $rows AS w MATCH (e:Event) "
    "WHERE e.date_start >= w.lo AND e.date_start <= w.hi AND e.type IN w.types "
    "RETURN w.i AS i, e.id AS id, e.type AS type, e.origin AS origin, e.date AS date, "
    "e.date_end AS date_end, e.dates_reported AS reported"
)
_LINKS = (
    "UNWIND $ids AS id MATCH (e:Event {id: id}) "
    "OPTIONAL MATCH (e)<-[:PARTICIPATED_IN]-(a:Actor) "
    "WITH e, collect({id: a.id, kind: a.kind}) AS actors "
    "OPTIONAL MATCH (e)-[:CONCERNS]->(t) "
    "RETURN e.id AS id, actors, collect(t.id) AS things"
)
_BATCH = 500


def _family_types(record: dict) -> list[str]:
    return sorted(t for t, f in TYPE_FAMILIES.items() if f == family(record.get("type"))) or [
        record.get("type") or ""
    ]


def graph_candidates(tx, records: list[dict]) -> list[list[Candidate]]:
    """For each record, the graph's events in its date windows and type family.

    Two queries per batch of records, not per record: the windows (Event.date_start index),
    then the participants and things of the events whose dates nest with their record.
    """
    windows_rows = [
        {"i": i, "lo": lo, "hi": hi, "types": _family_types(record)}
        for i, record in enumerate(records)
        for lo, hi in windows(record)
    ]
    nodes: dict[str, Candidate] = {}
    hits: list[list[str]] = [[] for _ in records]
    for start in range(0, len(windows_rows), _BATCH):
        for row in tx.run(_WINDOW_HITS, rows=windows_rows[start : start + _BATCH]):
            if row["id"] not in nodes:
                spans = [event_span(row["date"], row["date_end"])]
                spans += [parse_span(d) for d in row["reported"] or [] if d]
                nodes[row["id"]] = Candidate(row["id"], row["type"], row["origin"] or "extracted", spans)
            record_spans_ = record_spans(records[row["i"]])
            if row["id"] not in hits[row["i"]] and any(
                _nested(a, b) for a in record_spans_ for b in nodes[row["id"]].spans
            ):
                hits[row["i"]].append(row["id"])
    wanted = sorted({event_id for found in hits for event_id in found})
    for start in range(0, len(wanted), _BATCH):
        for row in tx.run(_LINKS, ids=wanted[start : start + _BATCH]):
            node = nodes[row["id"]]
            node.specific, node.weak = split_actors(a for a in row["actors"] if a.get("id"))
            node.things = {t for t in row["things"] if t}
    return [[nodes[event_id] for event_id in found] for found in hits]


def match_records(tx, records: list[dict], existing: set[str]) -> list[str]:
    """The graph event each record of one document belongs to, in record order.

    A record whose own event_id is already in the graph (`existing`: a curated milestone the
    extractor recognised, or the same key from another document) keeps it. Any other record is matched
    against the graph's events in its window and against the records of this document that
    came before it; unmatched, it will be a new event under its own id.
    """
    local: dict[str, Candidate] = {}  # events this document creates or extends, by id
    assigned = []
    prefetched = graph_candidates(tx, records)
    for record, from_graph in zip(records, prefetched, strict=True):
        own = record["event_id"]
        if own in local:
            local[own].absorb(record)
            assigned.append(own)
            continue
        fetched = {c.id: copy.deepcopy(c) for c in from_graph}
        if own in existing:
            chosen = fetched.get(own) or record_candidate(record, own)
        else:
            pool = {**fetched, **{k: v for k, v in local.items() if _in_window(record, v)}}
            chosen = best_match(record, pool.values()) or record_candidate(record, own)
        # the document's own additions to a graph event count for its later records
        chosen = local.setdefault(chosen.id, chosen)
        chosen.absorb(record)
        assigned.append(chosen.id)
    return assigned


def _in_window(record: dict, candidate: Candidate) -> bool:
    """The same test for a record of this document as the graph query makes for a node."""
    return any(lo <= candidate.spans[0][0] <= hi for lo, hi in windows(record))
